/** /console/invito/:token: the invited person chooses a password (twice) and is signed in. */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useParams } from 'react-router';
import { api } from '../api.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { describeError, fieldErrors, type FormError } from '../errors.js';
import { useT } from '../i18n/index.js';
import { useSession } from '../session.js';
import type { SessionBody } from '../types.js';

export function AcceptInvitation() {
  const t = useT();
  const { token = '' } = useParams();
  const session = useSession();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [accepted, setAccepted] = useState(false);
  const accept = useMutation({
    gcTime: 0,
    mutationFn: () => api.post<SessionBody>(`/auth/invitations/${encodeURIComponent(token)}`, { password }),
    onSuccess(body) {
      setAccepted(true);
      session.signedIn(body);
    },
    onError: (failure) => setError(describeError(failure, t)),
  });
  // To the home once the session is seen everywhere: a replace, so that the used link (its token)
  // is not left in the history; the layout moves the focus to the home's h1 all the same.
  if (accepted && session.user) return <Navigate to="/" replace state={{ focusHeading: true }} />;

  function submit(event: FormEvent) {
    event.preventDefault();
    const invalid = fieldErrors(
      {
        password: password === '' ? t.errors.required : undefined,
        repeat:
          repeat === '' ? t.errors.required : repeat !== password ? t.errors.passwordsDiffer : undefined,
      },
      t,
    );
    setError(invalid);
    if (!invalid) accept.mutate();
  }
  return (
    <Page title={t.invitation.title}>
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <p className="lead">{t.invitation.intro}</p>
          <ErrorSummary
            error={error}
            labels={{ password: t.invitation.password, repeat: t.invitation.repeat }}
          />
          <form onSubmit={submit} noValidate className="console-form">
            <TextField
              id="password"
              label={t.invitation.password}
              hint={t.invitation.passwordHint}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              error={error?.fields.password}
              errorLang={error?.lang?.fields?.password}
              required
            />
            <TextField
              id="repeat"
              label={t.invitation.repeat}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={setRepeat}
              error={error?.fields.repeat}
              errorLang={error?.lang?.fields?.repeat}
              required
            />
            <button type="submit" className="btn btn-primary" disabled={accept.isPending}>
              {t.invitation.submit}
            </button>
          </form>
        </div>
      </div>
    </Page>
  );
}
