/**
 * /console/servizi/:slug: a service's record and state, the transitions its status allows
 * (SERVICE_TRANSITIONS, the server's state machine), and everything an ente needs to put it on
 * its pages: the embed snippet, the hosted link, QR codes and poster, how to mint completion
 * tokens, and the rotation of the secret that signs them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { SERVICE_TRANSITIONS, type ServiceTransition } from '../../domain/governance/lifecycle.js';
import { api } from '../api.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { CopyField } from '../components/Copy.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { describeError, type FormError } from '../errors.js';
import { useI18n } from '../i18n/index.js';
import { can } from '../permissions.js';
import { enc, serviceQuery } from '../queries.js';
import { useSession } from '../session.js';
import type { Service, ServiceDetail as Detail } from '../types.js';

const TRANSITIONS = Object.keys(SERVICE_TRANSITIONS) as ServiceTransition[];

/** An absolute address for what the server gave as a path (links are copied into e-mails). */
const absolute = (link: string) => new URL(link, window.location.origin).href;

/** The same address on this origin, for what the console itself loads (the CSP allows only 'self'). */
const local = (link: string) => {
  const url = new URL(link, window.location.origin);
  return `${url.pathname}${url.search}`;
};

/** `base` is the platform's public address (that of the hosted link), as in the snippet. */
function curlExample(base: string, slug: string): string {
  return [
    `curl -X POST "${base}/api/v1/services/${slug}/completion-tokens" \\`,
    '  -H "Authorization: Bearer $VALUTA_API_KEY" \\',
    '  -H "Content-Type: application/json" \\',
    '  -d \'{"ttlSeconds": 86400}\'',
    '# 201 {"token":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…","expiresAt":"…"}',
  ].join('\n');
}

export function ServiceDetail() {
  const { t } = useI18n();
  const { slug = '' } = useParams();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const service = useQuery(serviceQuery(slug));
  const [error, setError] = useState<FormError | null>(null);
  const [done, setDone] = useState<{ message: string; at: number } | null>(null);
  const [confirm, setConfirm] = useState<'retire' | 'rotate' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const transition = useMutation({
    mutationFn: (name: ServiceTransition) => api.post<Service>(`/admin/services/${enc(slug)}/${name}`),
    onSuccess(updated, name) {
      queryClient.setQueryData(serviceQuery(slug).queryKey, (old: Detail | undefined) =>
        old ? { ...old, ...updated } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ['services'] });
      void queryClient.invalidateQueries({ queryKey: ['service', slug] });
      setConfirm(null);
      setError(null);
      setDone({ message: t.service.done[name], at: Date.now() });
    },
    onError(failure) {
      setConfirm(null);
      setDone(null);
      setError(describeError(failure, t));
    },
  });

  const rotate = useMutation({
    // the answer holds the secret: not kept in the mutation cache once the page is left
    gcTime: 0,
    mutationFn: () => api.post<{ secret: string }>(`/admin/services/${enc(slug)}/completion-secret`),
    onSuccess(body) {
      setConfirm(null);
      setError(null);
      setSecret(body.secret);
      setDone({ message: t.service.rotated, at: Date.now() });
    },
    onError(failure) {
      setConfirm(null);
      setDone(null);
      setError(describeError(failure, t));
    },
  });

  const title = service.data?.name ?? t.service.loadingTitle;
  if (service.isPending || service.isError)
    return <Page title={title}>{service.isPending ? <Loading /> : <LoadError error={service.error} />}</Page>;

  const s = service.data;
  const mayWrite = can(user, 'services:write');
  const allowed = TRANSITIONS.filter((name) =>
    (SERVICE_TRANSITIONS[name].from as readonly string[]).includes(s.status),
  );

  return (
    <Page title={title}>
      <p className="lead">
        {s.ente.name} <StatusBadge status={s.status} label={t.serviceStatus[s.status]} />
      </p>
      {done ? <Notice key={done.at}>{done.message}</Notice> : null}
      <ErrorSummary error={error} />

      <section aria-labelledby="overview-title" className="mb-4">
        <h2 id="overview-title" className="h4">
          {t.service.overview}
        </h2>
        <dl className="console-dl">
          <dt>{t.serviceForm.slug}</dt>
          <dd>
            <code>{s.slug}</code>
          </dd>
          <dt>{t.service.url}</dt>
          <dd>{s.url ? <a href={s.url}>{s.url}</a> : '—'}</dd>
          <dt>{t.serviceForm.kind}</dt>
          <dd>{t.serviceKinds[s.kind] ?? s.kind}</dd>
          <dt>{t.serviceForm.channels}</dt>
          <dd>{s.channels.map((c) => t.channels[c] ?? c).join(', ') || t.common.none}</dd>
          <dt>{t.serviceForm.family}</dt>
          <dd>{s.family}</dd>
          <dt>{t.service.pinned}</dt>
          <dd>{s.pinnedVersion === null ? t.service.latest : s.pinnedVersion}</dd>
          <dt>{t.serviceForm.journeyPoint}</dt>
          <dd>{t.journeyPoints[s.journeyPoint] ?? s.journeyPoint}</dd>
          <dt>{t.serviceForm.allowedOrigins}</dt>
          <dd>
            {s.allowedOrigins.length === 0 ? (
              t.service.noOrigins
            ) : (
              <ul className="console-plain-list">
                {s.allowedOrigins.map((origin) => (
                  <li key={origin}>
                    <code>{origin}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        {mayWrite && s.status !== 'retired' ? (
          <Link className="btn btn-outline-primary" to={`/servizi/${enc(s.slug)}/modifica`}>
            {t.service.edit}
          </Link>
        ) : null}
      </section>

      {mayWrite && allowed.length > 0 ? (
        <section aria-labelledby="lifecycle-title" className="mb-4">
          <h2 id="lifecycle-title" className="h4">
            {t.service.lifecycle}
          </h2>
          <div className="console-actions">
            {allowed.map((name) => (
              <button
                key={name}
                type="button"
                className={name === 'retire' ? 'btn btn-outline-danger' : 'btn btn-primary'}
                disabled={transition.isPending}
                onClick={() => {
                  setDone(null);
                  if (name === 'retire') setConfirm('retire');
                  else transition.mutate(name);
                }}
              >
                {t.service.transitions[name]}
              </button>
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="embed-title" className="mb-4">
        <h2 id="embed-title" className="h4">
          {t.service.embedTitle}
        </h2>
        <p>{t.service.embedText}</p>
        <CopyField
          id="snippet"
          label={t.service.embedLabel}
          value={s.embed.snippet}
          copyLabel={t.service.copySnippet}
          multiline
          rows={5}
        />
      </section>

      <section aria-labelledby="links-title" className="mb-4">
        <h2 id="links-title" className="h4">
          {t.service.linksTitle}
        </h2>
        <CopyField
          id="hosted"
          label={t.service.hosted}
          value={absolute(s.links.hosted)}
          copyLabel={t.service.copyLink}
        />
        <div className="console-qr">
          <img src={local(s.links.qrSvg)} alt={t.service.qrAlt(s.name)} width={160} height={160} />
          <ul className="console-plain-list">
            <li>
              <a href={s.links.hosted}>{t.service.hosted}</a>
            </li>
            <li>
              <a href={s.links.qrSvg}>{t.service.qrSvg}</a>
            </li>
            <li>
              <a href={s.links.qrPng}>{t.service.qrPng}</a>
            </li>
            <li>
              <a href={s.links.poster}>{t.service.poster}</a>
            </li>
          </ul>
        </div>
      </section>

      <section aria-labelledby="tokens-title" className="mb-4">
        <h2 id="tokens-title" className="h4">
          {t.service.tokensTitle}
        </h2>
        <p>{t.service.tokensText}</p>
        <CopyField
          id="curl"
          label={t.service.curlLabel}
          copyLabel={t.service.copyCurl}
          value={curlExample(new URL(s.links.hosted, window.location.origin).origin, s.slug)}
          multiline
          rows={6}
        />
        {can(user, 'api-keys:read') ? (
          <p>
            <Link to="/chiavi">{t.service.tokensKeys}</Link>
          </p>
        ) : null}
      </section>

      {mayWrite ? (
        <section aria-labelledby="secret-title" className="mb-4">
          <h2 id="secret-title" className="h4">
            {t.service.secretTitle}
          </h2>
          <p>{t.service.secretText}</p>
          {secret ? (
            <CopyField id="secret" label={t.service.secretLabel} value={secret} hint={t.common.shownOnce} />
          ) : null}
          <button
            type="button"
            className="btn btn-outline-danger"
            disabled={rotate.isPending}
            onClick={() => {
              setDone(null);
              setConfirm('rotate');
            }}
          >
            {t.service.rotate}
          </button>
        </section>
      ) : null}

      <ConfirmDialog
        open={confirm === 'retire'}
        title={t.service.confirmRetireTitle}
        confirmLabel={t.service.transitions.retire}
        onConfirm={() => transition.mutate('retire')}
        onCancel={() => setConfirm(null)}
        busy={transition.isPending}
      >
        <p className="mb-0">{t.service.confirmRetireText}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'rotate'}
        title={t.service.confirmRotateTitle}
        confirmLabel={t.service.rotate}
        onConfirm={() => rotate.mutate()}
        onCancel={() => setConfirm(null)}
        busy={rotate.isPending}
      >
        <p className="mb-0">{t.service.confirmRotateText}</p>
      </ConfirmDialog>
    </Page>
  );
}
