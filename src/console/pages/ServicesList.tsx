/** /console/servizi: the services the person may see; the central office filters by ente (?ente=). */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../components/fields.js';
import { DataTable } from '../components/DataTable.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { useI18n } from '../i18n/index.js';
import { can, seesAllEnti } from '../permissions.js';
import { enc, entiQuery, servicesQuery } from '../queries.js';
import { useSession } from '../session.js';

export function ServicesList() {
  const { t } = useI18n();
  const { user } = useSession();
  const all = seesAllEnti(user);
  const [params, setParams] = useSearchParams();
  const ente = params.get('ente') ?? '';
  const [chosen, setChosen] = useState(ente);
  const services = useQuery(servicesQuery(ente));
  const enti = useQuery({ ...entiQuery(), enabled: all });
  function filter(event: FormEvent) {
    event.preventDefault();
    setParams(chosen ? { ente: chosen } : {});
  }
  return (
    <Page title={t.services.title}>
      {can(user, 'services:write') ? (
        <p>
          <Link className="btn btn-primary" to="/servizi/nuovo">
            {t.services.register}
          </Link>
        </p>
      ) : null}
      {all ? (
        <form onSubmit={filter} className="console-filters" aria-label={t.services.filterLegend}>
          <SelectField
            id="ente"
            label={t.common.ente}
            value={chosen}
            onChange={setChosen}
            placeholder={t.common.all}
            options={(enti.data ?? []).map((e) => ({ value: e.ipaCode, label: e.name }))}
          />
          <button type="submit" className="btn btn-outline-primary">
            {t.common.filter}
          </button>
        </form>
      ) : null}
      {services.isPending ? (
        <Loading />
      ) : services.isError ? (
        <LoadError error={services.error} />
      ) : services.data.length === 0 ? (
        <p>{t.services.empty}</p>
      ) : (
        <DataTable caption={t.services.caption(services.data.length)}>
          <thead>
            <tr>
              <th scope="col">{t.common.name}</th>
              {all ? <th scope="col">{t.common.ente}</th> : null}
              <th scope="col">{t.services.kind}</th>
              <th scope="col">{t.services.family}</th>
              <th scope="col">{t.services.channels}</th>
              <th scope="col">{t.common.status}</th>
            </tr>
          </thead>
          <tbody>
            {services.data.map((service) => (
              <tr key={service.id}>
                <th scope="row">
                  <Link to={`/servizi/${enc(service.slug)}`}>{service.name}</Link>
                </th>
                {all ? <td>{service.ente.name}</td> : null}
                <td>{t.serviceKindsShort[service.kind] ?? service.kind}</td>
                <td>{service.family}</td>
                <td>{service.channels.map((c) => t.channels[c] ?? c).join(', ')}</td>
                <td>
                  <StatusBadge status={service.status} label={t.serviceStatus[service.status]} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Page>
  );
}
