/**
 * /console/enti/richiesta: a person without a role asks for their ente to join (IPA code found
 * in IndicePA, the RTD's name and e-mail); the central office adds an ente from the registry
 * directly (it is active at once).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { RadioGroup, TextField } from '../components/fields.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { LoadError } from '../components/QueryState.js';
import { describeError, fieldErrors, type FormError } from '../errors.js';
import { useT } from '../i18n/index.js';
import { can } from '../permissions.js';
import { registryQuery } from '../queries.js';
import { useSession } from '../session.js';
import type { Ente } from '../types.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function EnteRequest() {
  const t = useT();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const adding = can(user, 'enti:create');
  const [search, setSearch] = useState('');
  const [submittedSearch, setSubmittedSearch] = useState('');
  const [ipaCode, setIpaCode] = useState('');
  const [rtdName, setRtdName] = useState('');
  const [rtdEmail, setRtdEmail] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [sent, setSent] = useState<Ente | null>(null);
  const registry = useQuery(registryQuery(submittedSearch));
  const entries = registry.data ?? [];

  const submit = useMutation({
    mutationFn: () =>
      adding
        ? api.post<Ente>('/admin/enti', { ipaCode })
        : api.post<Ente>('/admin/enti/requests', {
            ipaCode,
            rtdName: rtdName.trim(),
            rtdEmail: rtdEmail.trim(),
          }),
    onSuccess(ente) {
      void queryClient.invalidateQueries({ queryKey: ['enti'] });
      if (adding) navigate(`/enti/${encodeURIComponent(ente.ipaCode)}`);
      else setSent(ente);
    },
    onError: (failure) => setError(describeError(failure, t)),
  });

  const title = adding ? t.enteRequest.titleAdd : t.enteRequest.titleRequest;
  if (sent)
    return (
      <Page title={title}>
        <Notice>
          <h2 className="h4">{t.enteRequest.sentTitle}</h2>
          <p className="mb-0">{t.enteRequest.sent(sent.name)}</p>
        </Notice>
        <Link to="/">{t.notFound.home}</Link>
      </Page>
    );

  const labels = {
    search: t.enteRequest.search,
    ipaCode: t.enteRequest.ipaCode,
    rtdName: t.enteRequest.rtdName,
    rtdEmail: t.enteRequest.rtdEmail,
  };

  function find(event: FormEvent) {
    event.preventDefault();
    const q = search.trim();
    if (q.length < 2) {
      setError(fieldErrors({ search: t.enteRequest.searchHint }, t));
      return;
    }
    setError(null);
    setIpaCode('');
    setSubmittedSearch(q);
  }

  function send(event: FormEvent) {
    event.preventDefault();
    const invalid = fieldErrors(
      {
        ipaCode: ipaCode === '' ? t.errors.chooseOne : undefined,
        rtdName: !adding && rtdName.trim() === '' ? t.errors.required : undefined,
        rtdEmail: adding
          ? undefined
          : rtdEmail.trim() === ''
            ? t.errors.required
            : !EMAIL.test(rtdEmail.trim())
              ? t.errors.email
              : undefined,
      },
      t,
    );
    setError(invalid);
    if (!invalid) submit.mutate();
  }

  const chosen = entries.find((e) => e.ipaCode === ipaCode);

  return (
    <Page title={title}>
      <p className="lead">{adding ? t.enteRequest.introAdd : t.enteRequest.introRequest}</p>
      <ErrorSummary error={error} labels={labels} />
      <form onSubmit={find} noValidate className="console-filters" role="search">
        <TextField
          id="search"
          label={t.enteRequest.search}
          hint={t.enteRequest.searchHint}
          type="search"
          value={search}
          onChange={setSearch}
          error={error?.fields.search}
          errorLang={error?.lang?.fields?.search}
          required
        />
        <button type="submit" className="btn btn-outline-primary">
          {t.enteRequest.searchButton}
        </button>
      </form>
      <div aria-live="polite" className="console-live">
        {registry.isSuccess
          ? entries.length === 0
            ? t.enteRequest.noResults
            : t.enteRequest.resultsCount(entries.length)
          : ''}
      </div>
      {registry.isError ? <LoadError error={registry.error} /> : null}
      <form onSubmit={send} noValidate className="console-form">
        {entries.length > 0 ? (
          <RadioGroup
            name="ipaCode"
            legend={t.enteRequest.results}
            options={entries.map((e) => ({
              value: e.ipaCode,
              label: `${e.name} (${e.ipaCode}) — ${[e.kind, e.region].filter(Boolean).join(', ')}`,
              // the register's words are Italian (its kind of ente, the region)
              lang: 'it',
            }))}
            value={ipaCode}
            onChange={setIpaCode}
            error={error?.fields.ipaCode}
            errorLang={error?.lang?.fields?.ipaCode}
            required
          />
        ) : error?.fields.ipaCode ? (
          <p id="ipaCode" tabIndex={-1} className="console-field-error" lang={error.lang?.fields?.ipaCode}>
            {error.fields.ipaCode}
          </p>
        ) : null}
        {chosen ? (
          <p className="console-chosen">{t.enteRequest.chosen(chosen.name, chosen.ipaCode)}</p>
        ) : null}
        {adding ? null : (
          <>
            <TextField
              id="rtdName"
              label={t.enteRequest.rtdName}
              autoComplete="name"
              value={rtdName}
              onChange={setRtdName}
              error={error?.fields.rtdName}
              errorLang={error?.lang?.fields?.rtdName}
              required
            />
            <TextField
              id="rtdEmail"
              label={t.enteRequest.rtdEmail}
              hint={t.enteRequest.rtdEmailHint}
              type="email"
              autoComplete="email"
              value={rtdEmail}
              onChange={setRtdEmail}
              error={error?.fields.rtdEmail}
              errorLang={error?.lang?.fields?.rtdEmail}
              required
            />
          </>
        )}
        <button type="submit" className="btn btn-primary" disabled={submit.isPending}>
          {adding ? t.enteRequest.submitAdd : t.enteRequest.submitRequest}
        </button>
      </form>
    </Page>
  );
}
