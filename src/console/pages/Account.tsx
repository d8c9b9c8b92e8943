/**
 * /console/account: the person's own account, for everyone signed in (without a role too): the
 * e-mail, the role and the ente, and two-step verification (TOTP). The session does not say
 * whether TOTP is on, so both ways are offered: turning it on (`POST /auth/totp/secret` offers a
 * key, stored by nothing until `PUT /auth/totp` with a code of the app) and turning it off
 * (`DELETE /auth/totp` with a code; 409 when it was not on). What this page did is remembered
 * while it is open, and said.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../api.js';
import { CopyField } from '../components/Copy.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { TextField } from '../components/fields.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { QrCode } from '../components/QrCode.js';
import { describeError, type FormError } from '../errors.js';
import { useT } from '../i18n/index.js';
import { enc } from '../queries.js';
import { useSession } from '../session.js';

interface TotpOffer {
  readonly secret: string;
  readonly uri: string;
}

/** The key in groups of four, for typing into the app (apps ignore the spaces). */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** What is typed as the code: spaces dropped ("123 456" is how some apps show it). */
const digits = (code: string) => code.replace(/\s/g, '');

/** The same error with its field `from` named `to` (two forms on the page, both about `code`). */
function renameField(error: FormError, from: string, to: string): FormError {
  const rename = (record: Readonly<Record<string, string>> | undefined) =>
    record && Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
  const fieldLangs = rename(error.lang?.fields);
  return {
    ...error,
    fields: rename(error.fields)!,
    ...(error.lang ? { lang: { ...error.lang, ...(fieldLangs ? { fields: fieldLangs } : {}) } } : {}),
  };
}

export function Account() {
  const t = useT();
  const { user } = useSession();
  /** Whether TOTP is on, as far as this page knows (null: the server did not say). */
  const [known, setKnown] = useState<'on' | 'off' | null>(null);
  const [offer, setOffer] = useState<TotpOffer | null>(null);
  const [code, setCode] = useState('');
  const [offCode, setOffCode] = useState('');
  const [error, setError] = useState<{ form: 'enrol' | 'disable'; error: FormError } | null>(null);
  const [done, setDone] = useState<{ kind: 'enabled' | 'disabled'; at: number } | null>(null);
  const setupRef = useRef<HTMLHeadingElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);

  const start = useMutation({
    // the answer holds the key: not kept in the mutation cache once the page is left
    gcTime: 0,
    mutationFn: () => api.post<TotpOffer>('/auth/totp/secret'),
    onSuccess(body) {
      setError(null);
      setCode('');
      setOffer(body);
    },
    onError: (failure) => setError({ form: 'enrol', error: describeError(failure, t) }),
  });
  const enable = useMutation({
    gcTime: 0,
    mutationFn: (body: { secret: string; code: string }) => api.put<void>('/auth/totp', body),
    onSuccess() {
      setError(null);
      setOffer(null);
      setCode('');
      setKnown('on');
      setDone({ kind: 'enabled', at: Date.now() });
    },
    onError: (failure) => setError({ form: 'enrol', error: describeError(failure, t) }),
  });
  const disable = useMutation({
    mutationFn: (body: { code: string }) => api.delete<void>('/auth/totp', body),
    onSuccess() {
      setError(null);
      setOffCode('');
      setKnown('off');
      setDone({ kind: 'disabled', at: Date.now() });
    },
    onError(failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        setKnown('off');
        setOffCode('');
        setError({ form: 'disable', error: { summary: t.account.notOn, fields: {} } });
        return;
      }
      setError({ form: 'disable', error: renameField(describeError(failure, t), 'code', 'disable-code') });
    },
  });

  // The setup's heading takes the focus when the key comes (the button pressed is gone), the
  // button when the setup is cancelled.
  useEffect(() => {
    if (offer) setupRef.current?.focus();
    else if (cancelled.current) startRef.current?.focus();
    cancelled.current = false;
  }, [offer]);

  if (!user) return null;

  function checkCode(value: string, field: string): FormError | null {
    return /^\d{6}$/.test(digits(value))
      ? null
      : { summary: t.errors.summaryTitle, fields: { [field]: t.account.codeInvalid } };
  }

  function confirm(event: FormEvent) {
    event.preventDefault();
    if (!offer) return;
    setDone(null);
    const invalid = checkCode(code, 'code');
    setError(invalid ? { form: 'enrol', error: invalid } : null);
    if (!invalid) enable.mutate({ secret: offer.secret, code: digits(code) });
  }

  function turnOff(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const invalid = checkCode(offCode, 'disable-code');
    setError(invalid ? { form: 'disable', error: invalid } : null);
    if (!invalid) disable.mutate({ code: digits(offCode) });
  }

  const enrolError = error?.form === 'enrol' ? error.error : null;
  const disableError = error?.form === 'disable' ? error.error : null;

  return (
    <Page title={t.account.title}>
      <div className="row">
        <div className="col-12 col-lg-9 col-xl-8">
          <section aria-labelledby="details-title" className="mb-4">
            <h2 id="details-title" className="h4">
              {t.account.detailsTitle}
            </h2>
            <dl className="console-dl">
              <dt>{t.account.email}</dt>
              <dd>{user.email}</dd>
              <dt>{t.account.role}</dt>
              <dd>{user.role ? t.roles[user.role] : t.noRole}</dd>
              <dt>{t.account.ente}</dt>
              <dd>
                {user.ente ? (
                  user.role !== null ? (
                    <>
                      <Link to={`/enti/${enc(user.ente.ipaCode)}`}>{user.ente.name}</Link> (
                      {user.ente.ipaCode})
                    </>
                  ) : (
                    `${user.ente.name} (${user.ente.ipaCode})`
                  )
                ) : (
                  t.account.noEnte
                )}
              </dd>
            </dl>
          </section>

          <section aria-labelledby="totp-title" className="mb-4">
            <h2 id="totp-title" className="h4">
              {t.account.totpTitle}
            </h2>
            <p>{t.account.totpIntro}</p>
            <p>{t.account.totpOidc}</p>
            {done ? (
              <Notice key={done.at}>
                {done.kind === 'enabled' ? t.account.enabled : t.account.disabled}
              </Notice>
            ) : null}
            <p className="console-totp-state">
              {known === 'on'
                ? t.account.totpOn
                : known === 'off'
                  ? t.account.totpOff
                  : t.account.totpUnknown}
            </p>

            <section aria-labelledby="enrol-title" className="console-totp-part">
              <h3 id="enrol-title" className="h5">
                {t.account.enrolTitle}
              </h3>
              <ErrorSummary error={enrolError} labels={{ code: t.account.code }} />
              {offer ? (
                <div className="console-totp-setup">
                  <h4 ref={setupRef} tabIndex={-1} className="h6">
                    {t.account.setupTitle}
                  </h4>
                  <ol className="console-steps">
                    <li>
                      <p>{t.account.step1}</p>
                      <div className="console-totp-key">
                        <QrCode text={offer.uri} label={t.account.qrAlt} />
                        <div className="console-totp-key-text">
                          <CopyField
                            id="totp-secret"
                            label={t.account.secret}
                            value={grouped(offer.secret)}
                            copyText={offer.secret}
                            copyLabel={t.account.copySecret}
                            hint={t.account.secretHint}
                            multiline
                            rows={1}
                          />
                          <p>
                            <a href={offer.uri}>{t.account.openInApp}</a>
                          </p>
                        </div>
                      </div>
                    </li>
                    <li>
                      <p>{t.account.step2}</p>
                      <form onSubmit={confirm} noValidate className="console-form">
                        <div className="console-narrow">
                          <CodeField
                            id="code"
                            label={t.account.code}
                            value={code}
                            onChange={setCode}
                            error={enrolError}
                          />
                        </div>
                        <div className="console-actions">
                          <button type="submit" className="btn btn-primary" disabled={enable.isPending}>
                            {t.account.confirm}
                          </button>
                          <button
                            type="button"
                            className="btn btn-outline-primary"
                            onClick={() => {
                              cancelled.current = true;
                              setError(null);
                              setOffer(null);
                              setCode('');
                            }}
                          >
                            {t.common.cancel}
                          </button>
                        </div>
                      </form>
                    </li>
                  </ol>
                </div>
              ) : (
                <>
                  <p>{t.account.enrolText}</p>
                  <button
                    ref={startRef}
                    type="button"
                    className="btn btn-primary"
                    disabled={start.isPending}
                    onClick={() => {
                      setDone(null);
                      start.mutate();
                    }}
                  >
                    {t.account.start}
                  </button>
                </>
              )}
            </section>

            <section aria-labelledby="disable-title" className="console-totp-part">
              <h3 id="disable-title" className="h5">
                {t.account.disableTitle}
              </h3>
              <p>{t.account.disableText}</p>
              <ErrorSummary error={disableError} labels={{ 'disable-code': t.account.disableCode }} />
              <form onSubmit={turnOff} noValidate className="console-form">
                <div className="console-narrow">
                  <CodeField
                    id="disable-code"
                    label={t.account.disableCode}
                    value={offCode}
                    onChange={setOffCode}
                    error={disableError}
                  />
                </div>
                <button type="submit" className="btn btn-outline-danger" disabled={disable.isPending}>
                  {t.account.disable}
                </button>
              </form>
            </section>
          </section>
        </div>
      </div>
    </Page>
  );
}

/** A field for the 6-digit code of the authenticator app, with the error the form's `error` names for it. */
function CodeField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: FormError | null;
}) {
  const t = useT();
  const { id, error } = props;
  return (
    <TextField
      id={id}
      label={props.label}
      hint={t.account.codeHint}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      value={props.value}
      onChange={props.onChange}
      error={error?.fields[id]}
      errorLang={error?.lang?.fields?.[id]}
      required
    />
  );
}
