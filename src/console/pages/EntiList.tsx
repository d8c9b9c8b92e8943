/** /console/enti: the enti, filtered by status (kept in the address: ?stato=requested). */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ENTE_STATUSES } from '../../domain/governance/lifecycle.js';
import { SelectField } from '../components/fields.js';
import { DataTable } from '../components/DataTable.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { useI18n } from '../i18n/index.js';
import { can } from '../permissions.js';
import { entiQuery } from '../queries.js';
import { useSession } from '../session.js';

export function EntiList() {
  const { t, formatDate } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('stato') ?? '';
  const [chosen, setChosen] = useState(status);
  const enti = useQuery(entiQuery(status));
  function filter(event: FormEvent) {
    event.preventDefault();
    setParams(chosen ? { stato: chosen } : {});
  }
  return (
    <Page title={t.enti.title}>
      {can(user, 'enti:create') ? (
        <p>
          <Link className="btn btn-primary" to="/enti/richiesta">
            {t.enti.add}
          </Link>
        </p>
      ) : null}
      <form onSubmit={filter} className="console-filters" aria-label={t.enti.filterLegend}>
        <SelectField
          id="stato"
          label={t.enti.statusFilter}
          value={chosen}
          onChange={setChosen}
          placeholder={t.common.all}
          options={ENTE_STATUSES.map((s) => ({ value: s, label: t.enteStatus[s] }))}
        />
        <button type="submit" className="btn btn-outline-primary">
          {t.common.filter}
        </button>
      </form>
      {enti.isPending ? (
        <Loading />
      ) : enti.isError ? (
        <LoadError error={enti.error} />
      ) : enti.data.length === 0 ? (
        <p>{t.enti.empty}</p>
      ) : (
        <DataTable caption={t.enti.caption(enti.data.length)}>
          <thead>
            <tr>
              <th scope="col">{t.common.name}</th>
              <th scope="col">{t.enti.ipaCode}</th>
              <th scope="col">{t.enti.kind}</th>
              <th scope="col">{t.enti.region}</th>
              <th scope="col">{t.common.status}</th>
              <th scope="col">{t.enti.requestedAt}</th>
            </tr>
          </thead>
          <tbody>
            {enti.data.map((ente) => (
              <tr key={ente.id}>
                <th scope="row">
                  <Link to={`/enti/${encodeURIComponent(ente.ipaCode)}`}>{ente.name}</Link>
                </th>
                <td>{ente.ipaCode}</td>
                <td lang="it">{ente.kind}</td>
                <td>{ente.region ?? '—'}</td>
                <td>
                  <StatusBadge status={ente.status} label={t.enteStatus[ente.status]} />
                </td>
                <td>{formatDate(ente.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Page>
  );
}
