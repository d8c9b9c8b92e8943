/**
 * /console/chiavi: the API keys (name, scopes, last use), revoked after a confirmation, and a
 * form to create one, whose secret is shown once with a copy button.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../domain/governance/roles.js';
import { api } from '../api.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { CopyField } from '../components/Copy.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { CheckboxGroup, SelectField, TextField } from '../components/fields.js';
import { Notice } from '../components/Notice.js';
import { DataTable } from '../components/DataTable.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { describeError, fieldErrors, type FormError } from '../errors.js';
import { useI18n } from '../i18n/index.js';
import { can, seesAllEnti } from '../permissions.js';
import { apiKeysQuery, enc, entiQuery } from '../queries.js';
import { useSession } from '../session.js';
import type { ApiKey } from '../types.js';

export function ApiKeys() {
  const { t, formatDateTime } = useI18n();
  const { user } = useSession();
  const all = seesAllEnti(user);
  const mayWrite = can(user, 'api-keys:write');
  const queryClient = useQueryClient();
  const keys = useQuery(apiKeysQuery());
  const enti = useQuery({ ...entiQuery('active'), enabled: all && mayWrite });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const [ente, setEnte] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [created, setCreated] = useState<{ apiKey: ApiKey; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revoked, setRevoked] = useState<ApiKey | null>(null);

  const create = useMutation({
    // the answer holds the secret: not kept in the mutation cache once the page is left
    gcTime: 0,
    mutationFn: () =>
      api.post<{ apiKey: ApiKey; secret: string }>('/admin/api-keys', {
        name: name.trim(),
        scopes,
        ...(all ? { ente } : {}),
      }),
    onSuccess(body) {
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      setError(null);
      setRevoked(null);
      setCreated(body);
      setName('');
      setScopes([]);
      setEnte('');
    },
    onError: (failure) => setError(describeError(failure, t)),
  });

  const revoke = useMutation({
    mutationFn: (key: ApiKey) => api.post<ApiKey>(`/admin/api-keys/${enc(key.id)}/revoke`),
    onSuccess(_body, key) {
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
      setRevoking(null);
      setError(null);
      setCreated(null);
      setRevoked(key);
    },
    onError(failure) {
      setRevoking(null);
      setError(describeError(failure, t));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    setRevoked(null);
    const invalid = fieldErrors(
      {
        ente: all && ente === '' ? t.errors.chooseOne : undefined,
        name: name.trim() === '' ? t.errors.required : undefined,
        scopes: scopes.length === 0 ? t.errors.chooseAtLeastOne : undefined,
      },
      t,
    );
    setError(invalid);
    if (!invalid) create.mutate();
  }

  return (
    <Page title={t.apiKeys.title}>
      <p className="lead">{t.apiKeys.intro}</p>
      {revoked ? <Notice key={revoked.id}>{t.apiKeys.revokedDone(revoked.name)}</Notice> : null}
      {keys.isPending ? (
        <Loading />
      ) : keys.isError ? (
        <LoadError error={keys.error} />
      ) : keys.data.length === 0 ? (
        <p>{t.apiKeys.empty}</p>
      ) : (
        <DataTable caption={t.apiKeys.caption(keys.data.length)}>
          <thead>
            <tr>
              <th scope="col">{t.common.name}</th>
              {all ? <th scope="col">{t.common.ente}</th> : null}
              <th scope="col">{t.apiKeys.scopes}</th>
              <th scope="col">{t.common.createdAt}</th>
              <th scope="col">{t.apiKeys.lastUsed}</th>
              <th scope="col">{t.common.status}</th>
              {mayWrite ? <th scope="col">{t.common.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                {all ? <td>{key.ente?.name ?? '—'}</td> : null}
                <td>
                  {key.scopes.map((scope) => (
                    <code key={scope} className="console-scope">
                      {scope}
                    </code>
                  ))}
                </td>
                <td>{formatDateTime(key.createdAt)}</td>
                <td>{key.lastUsedHour ? formatDateTime(key.lastUsedHour) : t.common.never}</td>
                <td>{key.revokedAt ? t.apiKeys.revoked(formatDateTime(key.revokedAt)) : t.apiKeys.active}</td>
                {mayWrite ? (
                  <td>
                    {key.revokedAt ? null : (
                      <button
                        type="button"
                        className="btn btn-outline-danger btn-sm"
                        aria-label={t.apiKeys.revokeNamed(key.name)}
                        onClick={() => {
                          setRevoked(null);
                          setRevoking(key);
                        }}
                      >
                        {t.apiKeys.revoke}
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? t.apiKeys.confirmRevokeTitle(revoking.name) : ''}
        confirmLabel={t.apiKeys.revoke}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => setRevoking(null)}
        busy={revoke.isPending}
      >
        <p className="mb-0">{t.apiKeys.confirmRevokeText}</p>
      </ConfirmDialog>

      {mayWrite ? (
        <section aria-labelledby="create-title" className="mt-4">
          <h2 id="create-title" className="h4">
            {t.apiKeys.createTitle}
          </h2>
          {created ? (
            <Notice key={created.apiKey.id}>
              <h3 className="h5">{t.apiKeys.createdTitle}</h3>
              <CopyField
                id="api-key-secret"
                label={t.apiKeys.secretLabel}
                value={created.secret}
                copyLabel={t.apiKeys.copySecret}
                hint={t.common.shownOnce}
              />
            </Notice>
          ) : null}
          <ErrorSummary
            error={error}
            labels={{ name: t.apiKeys.name, scopes: t.apiKeys.scopesLegend, ente: t.apiKeys.ente }}
          />
          <form onSubmit={submit} noValidate className="console-form">
            {all ? (
              <SelectField
                id="ente"
                label={t.apiKeys.ente}
                value={ente}
                onChange={setEnte}
                placeholder={t.common.chooseEnte}
                options={(enti.data ?? []).map((e) => ({
                  value: e.ipaCode,
                  label: `${e.name} (${e.ipaCode})`,
                }))}
                error={error?.fields.ente}
                errorLang={error?.lang?.fields?.ente}
                required
              />
            ) : null}
            <TextField
              id="name"
              label={t.apiKeys.name}
              hint={t.apiKeys.nameHint}
              value={name}
              onChange={setName}
              autoComplete="off"
              error={error?.fields.name}
              errorLang={error?.lang?.fields?.name}
              required
            />
            <CheckboxGroup
              name="scopes"
              legend={t.apiKeys.scopesLegend}
              options={API_KEY_SCOPES.map((scope) => ({ value: scope, label: t.scopes[scope] }))}
              value={scopes}
              onChange={setScopes}
              error={error?.fields.scopes}
              errorLang={error?.lang?.fields?.scopes}
            />
            <button type="submit" className="btn btn-primary" disabled={create.isPending}>
              {t.apiKeys.submit}
            </button>
          </form>
        </section>
      ) : null}
    </Page>
  );
}
