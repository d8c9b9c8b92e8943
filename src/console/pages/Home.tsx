/**
 * /console/: what the person's role is for. The central office sees counts of enti and services
 * by status and the requests waiting; ente staff their ente and its services; a person without
 * a role the call to ask for their ente to join.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ENTE_STATUSES } from '../../domain/governance/lifecycle.js';
import { SERVICE_STATUSES } from '../../domain/service.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { useI18n } from '../i18n/index.js';
import { can } from '../permissions.js';
import { entiQuery, enteQuery, servicesQuery } from '../queries.js';
import { useSession } from '../session.js';
import type { User } from '../types.js';

function Counts<S extends string>({
  id,
  title,
  statuses,
  labels,
  values,
}: {
  id: string;
  title: string;
  statuses: readonly S[];
  labels: Record<S, string>;
  values: readonly { status: S }[];
}) {
  return (
    <section aria-labelledby={id} className="col-12 col-md-6 mb-4">
      <div className="card card-bg console-card">
        <div className="card-body">
          <h2 id={id} className="h4 card-title">
            {title}
          </h2>
          <ul className="console-counts">
            {statuses.map((status) => (
              <li key={status}>
                <span className="console-count">{values.filter((v) => v.status === status).length}</span>{' '}
                {labels[status]}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function PlatformHome() {
  const { t, formatDate } = useI18n();
  const enti = useQuery(entiQuery());
  const services = useQuery(servicesQuery());
  if (enti.isPending || services.isPending) return <Loading />;
  if (enti.isError) return <LoadError error={enti.error} />;
  if (services.isError) return <LoadError error={services.error} />;
  const pending = enti.data.filter((e) => e.status === 'requested');
  return (
    <>
      <div className="row">
        <Counts
          id="enti-counts"
          title={t.home.entiTitle}
          statuses={ENTE_STATUSES}
          labels={t.enteStatus}
          values={enti.data}
        />
        <Counts
          id="services-counts"
          title={t.home.servicesTitle}
          statuses={SERVICE_STATUSES}
          labels={t.serviceStatus}
          values={services.data}
        />
      </div>
      <section aria-labelledby="pending-title" className="mb-4">
        <h2 id="pending-title" className="h4">
          {t.home.pendingTitle} ({pending.length})
        </h2>
        {pending.length === 0 ? (
          <p>{t.home.noPending}</p>
        ) : (
          <ul className="console-list">
            {pending.map((ente) => (
              <li key={ente.id}>
                <Link to={`/enti/${encodeURIComponent(ente.ipaCode)}`}>{ente.name}</Link> ({ente.ipaCode}) —{' '}
                {formatDate(ente.createdAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function EnteHome({ user }: { user: User & { ente: NonNullable<User['ente']> } }) {
  const { t } = useI18n();
  const ente = useQuery(enteQuery(user.ente.ipaCode));
  const services = useQuery(servicesQuery());
  return (
    <>
      <section aria-labelledby="ente-title" className="mb-4">
        <h2 id="ente-title" className="h4">
          {t.home.yourEnte}
        </h2>
        {ente.isPending ? (
          <Loading />
        ) : ente.isError ? (
          <LoadError error={ente.error} />
        ) : (
          <p>
            <Link to={`/enti/${encodeURIComponent(ente.data.ipaCode)}`}>{ente.data.name}</Link> (
            {ente.data.ipaCode}){' '}
            <StatusBadge status={ente.data.status} label={t.enteStatus[ente.data.status]} />
          </p>
        )}
      </section>
      <section aria-labelledby="services-title" className="mb-4">
        <h2 id="services-title" className="h4">
          {t.home.yourServices}
        </h2>
        {services.isPending ? (
          <Loading />
        ) : services.isError ? (
          <LoadError error={services.error} />
        ) : services.data.length === 0 ? (
          <p>{t.home.noServices}</p>
        ) : (
          <ul className="console-list">
            {services.data.map((service) => (
              <li key={service.id}>
                <Link to={`/servizi/${encodeURIComponent(service.slug)}`}>{service.name}</Link>{' '}
                <StatusBadge status={service.status} label={t.serviceStatus[service.status]} />
              </li>
            ))}
          </ul>
        )}
        {can(user, 'services:write') ? (
          <Link className="btn btn-primary" to="/servizi/nuovo">
            {t.home.registerService}
          </Link>
        ) : null}
      </section>
    </>
  );
}

function NoRoleHome() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="no-role-title" className="callout console-callout">
      <h2 id="no-role-title" className="h4">
        {t.home.noRoleTitle}
      </h2>
      <p>{t.home.noRoleText}</p>
      <Link className="btn btn-primary" to="/enti/richiesta">
        {t.home.noRoleCta}
      </Link>
    </section>
  );
}

export function Home() {
  const { t } = useI18n();
  const { user } = useSession();
  if (!user) return null;
  return (
    <Page title={t.home.title}>
      <p className="lead">
        {t.home.welcome(user.email)}
        <br />
        {t.home.roleLine(user.role ? t.roles[user.role] : t.noRole)}
        {user.ente ? ` — ${user.ente.name}` : ''}
      </p>
      {user.role === 'platform-admin' ? (
        <PlatformHome />
      ) : user.role !== null && user.ente ? (
        <EnteHome user={{ ...user, ente: user.ente }} />
      ) : (
        <NoRoleHome />
      )}
      {can(user, 'results:read') ? (
        <section aria-labelledby="results-title" className="mb-4" data-slot="results">
          <h2 id="results-title" className="h4">
            {t.home.resultsTitle}
          </h2>
          <p>{t.home.resultsText}</p>
          <Link to="/risultati">{t.home.resultsLink}</Link>
        </section>
      ) : null}
    </Page>
  );
}
