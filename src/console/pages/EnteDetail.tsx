/**
 * /console/enti/:ipaCode: an ente's record, and for the central office the decisions its status
 * allows (ENTE_TRANSITIONS, the server's own state machine): approve, reject with a reason,
 * suspend (after a confirmation), reactivate.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ENTE_TRANSITIONS, type EnteTransition } from '../../domain/governance/lifecycle.js';
import { api } from '../api.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { TextArea } from '../components/fields.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { describeError, fieldErrors, type FormError } from '../errors.js';
import { useI18n } from '../i18n/index.js';
import { can } from '../permissions.js';
import { enc, enteQuery } from '../queries.js';
import { useSession } from '../session.js';
import type { Ente } from '../types.js';

const TRANSITIONS = Object.keys(ENTE_TRANSITIONS) as EnteTransition[];

export function EnteDetail() {
  const { t, formatDateTime } = useI18n();
  const { ipaCode = '' } = useParams();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const ente = useQuery(enteQuery(ipaCode));
  const [error, setError] = useState<FormError | null>(null);
  const [done, setDone] = useState<{ transition: EnteTransition; at: number } | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [confirmSuspend, setConfirmSuspend] = useState(false);

  const decide = useMutation({
    mutationFn: ({ transition, body }: { transition: EnteTransition; body?: object }) =>
      api.post<Ente>(`/admin/enti/${enc(ipaCode)}/${transition}`, body),
    onSuccess(updated, { transition }) {
      queryClient.setQueryData(enteQuery(ipaCode).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: ['enti'] });
      setError(null);
      setRejecting(false);
      setConfirmSuspend(false);
      setDone({ transition, at: Date.now() });
    },
    onError(failure) {
      setConfirmSuspend(false);
      setDone(null);
      setError(describeError(failure, t));
    },
  });

  const title = ente.data?.name ?? t.ente.loadingTitle;
  const allowed = ente.data
    ? TRANSITIONS.filter((name) =>
        (ENTE_TRANSITIONS[name].from as readonly string[]).includes(ente.data.status),
      )
    : [];
  const mayDecide = can(user, 'enti:decide');

  function reject(event: FormEvent) {
    event.preventDefault();
    const invalid = fieldErrors({ reason: reason.trim() === '' ? t.errors.required : undefined }, t);
    setError(invalid);
    if (!invalid) decide.mutate({ transition: 'reject', body: { reason: reason.trim() } });
  }

  return (
    <Page title={title}>
      {ente.isPending ? (
        <Loading />
      ) : ente.isError ? (
        <LoadError error={ente.error} />
      ) : (
        <>
          {done ? <Notice key={done.at}>{t.ente.done[done.transition]}</Notice> : null}
          <ErrorSummary error={error} labels={{ reason: t.ente.reason }} />
          <dl className="console-dl">
            <dt>{t.enti.ipaCode}</dt>
            <dd>{ente.data.ipaCode}</dd>
            <dt>{t.enti.kind}</dt>
            <dd lang="it">{ente.data.kind}</dd>
            <dt>{t.enti.region}</dt>
            <dd>{ente.data.region ?? '—'}</dd>
            <dt>{t.common.status}</dt>
            <dd>
              <StatusBadge status={ente.data.status} label={t.enteStatus[ente.data.status]} />
            </dd>
            <dt>{t.ente.rtd}</dt>
            <dd>
              {ente.data.rtdName ?? '—'}
              {ente.data.rtdEmail ? (
                <>
                  {' '}
                  (<a href={`mailto:${ente.data.rtdEmail}`}>{ente.data.rtdEmail}</a>)
                </>
              ) : null}
            </dd>
            {ente.data.rejectionReason ? (
              <>
                <dt>{t.ente.rejectionReason}</dt>
                <dd>{ente.data.rejectionReason}</dd>
              </>
            ) : null}
            <dt>{t.enti.requestedAt}</dt>
            <dd>{formatDateTime(ente.data.createdAt)}</dd>
          </dl>
          {can(user, 'services:read') ? (
            <p>
              <Link to={`/servizi?ente=${enc(ente.data.ipaCode)}`}>{t.ente.services}</Link>
            </p>
          ) : null}
          {mayDecide && allowed.length > 0 ? (
            <section aria-labelledby="decisions-title" className="mt-4">
              <h2 id="decisions-title" className="h4">
                {t.ente.decisions}
              </h2>
              <div className="console-actions">
                {allowed.map((transition) => (
                  <button
                    key={transition}
                    type="button"
                    className={
                      transition === 'approve' || transition === 'reactivate'
                        ? 'btn btn-primary'
                        : 'btn btn-outline-danger'
                    }
                    disabled={decide.isPending}
                    aria-expanded={transition === 'reject' ? rejecting : undefined}
                    aria-controls={transition === 'reject' ? 'reject-form' : undefined}
                    onClick={() => {
                      setDone(null);
                      if (transition === 'reject') setRejecting((open) => !open);
                      else if (transition === 'suspend') setConfirmSuspend(true);
                      else decide.mutate({ transition });
                    }}
                  >
                    {t.ente.transitions[transition]}
                  </button>
                ))}
              </div>
              {rejecting ? (
                <form id="reject-form" onSubmit={reject} noValidate className="console-form mt-3">
                  <TextArea
                    id="reason"
                    label={t.ente.reason}
                    hint={t.ente.reasonHint}
                    value={reason}
                    onChange={setReason}
                    error={error?.fields.reason}
                    errorLang={error?.lang?.fields?.reason}
                    required
                  />
                  <button type="submit" className="btn btn-danger" disabled={decide.isPending}>
                    {t.ente.confirmReject}
                  </button>
                </form>
              ) : null}
              <ConfirmDialog
                open={confirmSuspend}
                title={t.ente.confirmSuspendTitle}
                confirmLabel={t.ente.transitions.suspend}
                onConfirm={() => decide.mutate({ transition: 'suspend' })}
                onCancel={() => setConfirmSuspend(false)}
                busy={decide.isPending}
              >
                <p className="mb-0">{t.ente.confirmSuspendText}</p>
              </ConfirmDialog>
            </section>
          ) : null}
        </>
      )}
    </Page>
  );
}
