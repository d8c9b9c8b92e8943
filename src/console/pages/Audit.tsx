/**
 * /console/audit: the audit trail, newest first, filtered by action, actor and target (kept in
 * the address), fifty at a time with "Load more"; "Verify chain" asks the server to recompute
 * the hash chain and shows its verdict; "Export CSV" downloads the entries of the filters shown.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, withQuery } from '../api.js';
import { TextField } from '../components/fields.js';
import { DataTable } from '../components/DataTable.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { useI18n } from '../i18n/index.js';
import { can } from '../permissions.js';
import { auditExportUrl, auditVerifyQuery } from '../queries.js';
import { useSession } from '../session.js';
import type { AuditEntry } from '../types.js';

const PAGE = 50;

/** A summary as a line: the server's sentence, or the operation's fields as `name: value`. */
function summaryText(summary: AuditEntry['summary']): string {
  if (typeof summary === 'string') return summary;
  return Object.entries(summary)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

export function Audit() {
  const { t, formatDateTime } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = {
    action: params.get('action') ?? '',
    actor: params.get('actor') ?? '',
    target: params.get('target') ?? '',
  };
  const [draft, setDraft] = useState(filters);
  const [loaded, setLoaded] = useState('');
  const verdictRef = useRef<HTMLDivElement>(null);

  const trail = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      api.get<{ entries: AuditEntry[]; next: number | null }>(
        withQuery('/admin/audit', { ...filters, before: pageParam, limit: PAGE }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next,
  });
  const verify = useQuery(auditVerifyQuery());
  useEffect(() => {
    if (verify.data || verify.isError) verdictRef.current?.focus();
  }, [verify.data, verify.isError, verify.dataUpdatedAt]);

  function filter(event: FormEvent) {
    event.preventDefault();
    setLoaded('');
    setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== '')));
  }

  const entries = trail.data?.pages.flatMap((p) => p.entries) ?? [];
  const verdict = verify.data;

  return (
    <Page title={t.audit.title}>
      <p className="lead">{t.audit.intro}</p>
      {can(user, 'audit:verify') ? (
        <section aria-labelledby="verify-title" className="mb-4">
          <h2 id="verify-title" className="h4">
            {t.audit.verifyTitle}
          </h2>
          <button
            type="button"
            className="btn btn-outline-primary"
            disabled={verify.isFetching}
            onClick={() => void verify.refetch()}
          >
            {t.audit.verify}
          </button>
          {verify.isFetching ? <Loading /> : null}
          {verify.isError && !verify.isFetching ? (
            <div ref={verdictRef} tabIndex={-1} className="mt-3">
              <LoadError error={verify.error} />
            </div>
          ) : null}
          {verdict && !verify.isFetching ? (
            <div
              ref={verdictRef}
              tabIndex={-1}
              role={verdict.ok ? 'status' : 'alert'}
              className={`alert mt-3 ${verdict.ok ? 'alert-success' : 'alert-danger'}`}
            >
              {verdict.ok ? (
                <p className="mb-0">{t.audit.verified(verdict.entries)}</p>
              ) : (
                <>
                  <p className="mb-1">
                    <strong>
                      {t.audit.broken(verdict.seq)} <span lang="en">{verdict.reason}</span>.
                    </strong>
                  </p>
                  <p className="mb-0">{t.audit.brokenCount(verdict.entries)}</p>
                </>
              )}
            </div>
          ) : null}
        </section>
      ) : null}

      <form onSubmit={filter} noValidate className="console-filters" aria-label={t.audit.filterLegend}>
        <TextField
          id="action"
          label={t.audit.action}
          hint={t.audit.actionHint}
          value={draft.action}
          onChange={(action) => setDraft((d) => ({ ...d, action }))}
          spellCheck={false}
        />
        <TextField
          id="actor"
          label={t.audit.actor}
          value={draft.actor}
          onChange={(actor) => setDraft((d) => ({ ...d, actor }))}
          spellCheck={false}
        />
        <TextField
          id="target"
          label={t.audit.target}
          value={draft.target}
          onChange={(target) => setDraft((d) => ({ ...d, target }))}
          spellCheck={false}
        />
        <button type="submit" className="btn btn-outline-primary">
          {t.common.filter}
        </button>
      </form>

      {can(user, 'audit:read') ? (
        <p className="console-export">
          <a
            className="btn btn-outline-primary"
            href={auditExportUrl(filters)}
            download
            aria-describedby="audit-export-hint"
          >
            {t.audit.export}
          </a>
          <span id="audit-export-hint" className="console-hint">
            {t.audit.exportHint}
          </span>
        </p>
      ) : null}

      {trail.isPending ? (
        <Loading />
      ) : trail.isError ? (
        <LoadError error={trail.error} />
      ) : entries.length === 0 ? (
        <p>{t.audit.empty}</p>
      ) : (
        <>
          <DataTable caption={t.audit.caption(entries.length)}>
            <thead>
              <tr>
                <th scope="col">{t.audit.seq}</th>
                <th scope="col">{t.audit.at}</th>
                <th scope="col">{t.audit.actor}</th>
                <th scope="col">{t.audit.action}</th>
                <th scope="col">{t.audit.target}</th>
                <th scope="col">{t.audit.summary}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <th scope="row">{entry.seq}</th>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>
                    {entry.actorLabel}{' '}
                    <span className="console-muted">
                      ({t.audit.actorKinds[entry.actorKind] ?? entry.actorKind})
                    </span>
                  </td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.targetKind} <code>{entry.targetId}</code>
                  </td>
                  <td lang="en">{summaryText(entry.summary)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          {trail.hasNextPage ? (
            <button
              type="button"
              className="btn btn-outline-primary"
              disabled={trail.isFetchingNextPage}
              onClick={async () => {
                const before = entries.length;
                const result = await trail.fetchNextPage();
                const after = result.data?.pages.flatMap((p) => p.entries).length ?? before;
                setLoaded(t.audit.loadedMore(after - before));
              }}
            >
              {t.audit.loadMore}
            </button>
          ) : (
            <p>{t.audit.end}</p>
          )}
        </>
      )}
      <div aria-live="polite" className="console-live">
        {loaded}
      </div>
    </Page>
  );
}
