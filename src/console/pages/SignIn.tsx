/**
 * /console/accedi: e-mail and password; the TOTP code field appears when the server answers
 * `totp-required`; "Sign in with SPID/CIE" when the server has an OIDC provider. The server
 * sends a failed OIDC sign-in back here with `?errore=oidc`, and the console a reader whose
 * session expired (state `expired`): either way a focused summary says so. Once signed in, back
 * to the page the reader came `from`.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { ApiError, api } from '../api.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { TextField } from '../components/fields.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { describeError, fieldErrors, type FormError } from '../errors.js';
import { useT } from '../i18n/index.js';
import { useSession, type SignInState } from '../session.js';
import type { Providers, SessionBody } from '../types.js';

export function SignIn() {
  const t = useT();
  const session = useSession();
  const location = useLocation();
  const state = location.state as SignInState | null;
  const from = state?.from ?? '/';
  const [search] = useSearchParams();
  const oidcFailed = search.get('errore') === 'oidc';
  const expired = state?.expired === true;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [totpNeeded, setTotpNeeded] = useState(false);
  const [error, setError] = useState<FormError | null>(() =>
    oidcFailed
      ? { summary: t.signIn.oidcFailed, detail: t.signIn.oidcFailedText, fields: {} }
      : expired
        ? { summary: t.errors.byType['sign-in-required'] ?? t.errors.unexpected, fields: {} }
        : null,
  );
  const [justSignedIn, setJustSignedIn] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);
  const providers = useQuery({
    queryKey: ['providers'],
    queryFn: () => api.get<Providers>('/auth/providers'),
    staleTime: Infinity,
    retry: false,
  });
  const signIn = useMutation({
    mutationFn: () =>
      api.post<SessionBody>('/auth/login', { email, password, ...(totpNeeded ? { totp } : {}) }),
    onSuccess(body) {
      setJustSignedIn(true);
      session.signedIn(body);
    },
    onError(failure) {
      if (failure instanceof ApiError && failure.is('totp-required') && !totpNeeded) {
        setError(null);
        setTotpNeeded(true);
        return;
      }
      setError(describeError(failure, t));
    },
  });

  // The code field takes the focus once it is there.
  useEffect(() => {
    if (totpNeeded) totpRef.current?.focus();
  }, [totpNeeded]);

  // Leave once the session is seen everywhere (the guarded pages read it too). After signing in,
  // a push, so that the layout moves the focus to the new page's h1; a person already signed in
  // who opens this page is sent on by a replace (Back does not bring them here again).
  if (session.user) return <Navigate to={from} replace={!justSignedIn} />;

  const labels = { email: t.signIn.email, password: t.signIn.password, totp: t.signIn.totp };

  function submit(event: FormEvent) {
    event.preventDefault();
    const invalid = fieldErrors(
      {
        email: email.trim() === '' ? t.errors.required : undefined,
        password: password === '' ? t.errors.required : undefined,
        totp: totpNeeded && !/^\d{6}$/.test(totp.trim()) ? t.signIn.totpHint : undefined,
      },
      t,
    );
    setError(invalid);
    if (!invalid) signIn.mutate();
  }

  return (
    <Page title={t.signIn.title}>
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <p className="lead">{t.signIn.intro}</p>
          <ErrorSummary error={error} labels={labels} />
          {totpNeeded && !error ? (
            <Notice tone="info" focus={false}>
              {t.signIn.totpNeeded}
            </Notice>
          ) : null}
          <form onSubmit={submit} noValidate className="console-form">
            <TextField
              id="email"
              label={t.signIn.email}
              type="email"
              autoComplete="username"
              value={email}
              onChange={setEmail}
              error={error?.fields.email}
              errorLang={error?.lang?.fields?.email}
              required
            />
            <TextField
              id="password"
              label={t.signIn.password}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              error={error?.fields.password}
              errorLang={error?.lang?.fields?.password}
              required
            />
            {totpNeeded ? (
              <TextField
                ref={totpRef}
                id="totp"
                label={t.signIn.totp}
                hint={t.signIn.totpHint}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={totp}
                onChange={setTotp}
                error={error?.fields.totp}
                errorLang={error?.lang?.fields?.totp}
                required
              />
            ) : null}
            <button type="submit" className="btn btn-primary" disabled={signIn.isPending}>
              {t.signIn.submit}
            </button>
          </form>
          {providers.data?.oidc ? (
            <div className="console-oidc">
              <p>{t.signIn.or}</p>
              <a className="btn btn-outline-primary" href="/api/v1/auth/oidc/start">
                {t.signIn.oidc}
              </a>
            </div>
          ) : null}
        </div>
      </div>
    </Page>
  );
}
