/**
 * /console/persone: who has access (and the invitations waiting), and the invitation form. The
 * one-time link is shown once, after the invitation is made, with a copy button.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../domain/governance/roles.js';
import { api } from '../api.js';
import { CopyField } from '../components/Copy.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { SelectField, TextField } from '../components/fields.js';
import { Notice } from '../components/Notice.js';
import { DataTable } from '../components/DataTable.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { describeError, fieldErrors, type FormError } from '../errors.js';
import { useI18n } from '../i18n/index.js';
import { can, seesAllEnti } from '../permissions.js';
import { entiQuery, usersQuery } from '../queries.js';
import { useSession } from '../session.js';
import type { Invitation } from '../types.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const enteLabel = (ente: Invitation['ente']) =>
  ente === null ? '—' : typeof ente === 'string' ? ente : ente.name;

export function People() {
  const { t, formatDateTime } = useI18n();
  const { user } = useSession();
  const all = seesAllEnti(user);
  const queryClient = useQueryClient();
  const people = useQuery(usersQuery());
  const enti = useQuery({ ...entiQuery('active'), enabled: all && can(user, 'users:invite') });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [ente, setEnte] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [created, setCreated] = useState<(Invitation & { link: string }) | null>(null);
  const roles = all ? ROLES : ROLES.filter((r) => r !== 'platform-admin');
  const needsEnte = all && role !== '' && role !== 'platform-admin';

  const invite = useMutation({
    // the answer holds the invitation's link: not kept in the mutation cache once the page is left
    gcTime: 0,
    mutationFn: () =>
      api.post<{ invitation: Invitation & { link: string } }>('/admin/users', {
        email: email.trim(),
        role,
        ...(needsEnte ? { ente } : {}),
      }),
    onSuccess(body) {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      setError(null);
      setCreated(body.invitation);
      setEmail('');
      setRole('');
      setEnte('');
    },
    onError: (failure) => setError(describeError(failure, t)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    const invalid = fieldErrors(
      {
        email:
          email.trim() === '' ? t.errors.required : !EMAIL.test(email.trim()) ? t.errors.email : undefined,
        role: role === '' ? t.errors.chooseOne : undefined,
        ente: needsEnte && ente === '' ? t.errors.chooseOne : undefined,
      },
      t,
    );
    setError(invalid);
    if (!invalid) invite.mutate();
  }

  return (
    <Page title={t.people.title}>
      {people.isPending ? (
        <Loading />
      ) : people.isError ? (
        <LoadError error={people.error} />
      ) : (
        <>
          {people.data.users.length === 0 ? (
            <p>{t.people.noUsers}</p>
          ) : (
            <DataTable caption={t.people.usersCaption(people.data.users.length)}>
              <thead>
                <tr>
                  <th scope="col">{t.common.email}</th>
                  <th scope="col">{t.common.role}</th>
                  {all ? <th scope="col">{t.common.ente}</th> : null}
                  <th scope="col">{t.common.status}</th>
                </tr>
              </thead>
              <tbody>
                {people.data.users.map((person) => (
                  <tr key={person.id}>
                    <th scope="row">{person.email}</th>
                    <td>{person.role ? t.roles[person.role] : t.noRole}</td>
                    {all ? <td>{person.ente?.name ?? '—'}</td> : null}
                    <td>
                      <StatusBadge status={person.status} label={t.userStatus[person.status]} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
          {people.data.invitations.length === 0 ? (
            <p>{t.people.noInvitations}</p>
          ) : (
            <DataTable caption={t.people.invitationsCaption(people.data.invitations.length)}>
              <thead>
                <tr>
                  <th scope="col">{t.common.email}</th>
                  <th scope="col">{t.common.role}</th>
                  {all ? <th scope="col">{t.common.ente}</th> : null}
                  <th scope="col">{t.people.expiresAt}</th>
                </tr>
              </thead>
              <tbody>
                {people.data.invitations.map((invitation) => (
                  <tr key={`${invitation.email}-${invitation.expiresAt}`}>
                    <th scope="row">{invitation.email}</th>
                    <td>{t.roles[invitation.role]}</td>
                    {all ? <td>{enteLabel(invitation.ente)}</td> : null}
                    <td>{formatDateTime(invitation.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </>
      )}

      {can(user, 'users:invite') ? (
        <section aria-labelledby="invite-title" className="mt-4">
          <h2 id="invite-title" className="h4">
            {t.people.inviteTitle}
          </h2>
          <p>{t.people.inviteIntro}</p>
          {created ? (
            <Notice key={created.link}>
              <h3 className="h5">{t.people.createdTitle}</h3>
              <p>{t.people.created(created.email)}</p>
              <CopyField
                id="invitation-link"
                label={t.people.linkLabel}
                value={new URL(created.link, window.location.origin).href}
                copyLabel={t.people.copyLink}
                hint={t.common.shownOnce}
              />
            </Notice>
          ) : null}
          <ErrorSummary
            error={error}
            labels={{ email: t.people.email, role: t.people.role, ente: t.people.ente }}
          />
          <form onSubmit={submit} noValidate className="console-form">
            <TextField
              id="email"
              label={t.people.email}
              type="email"
              autoComplete="off"
              value={email}
              onChange={setEmail}
              error={error?.fields.email}
              errorLang={error?.lang?.fields?.email}
              required
            />
            <SelectField
              id="role"
              label={t.people.role}
              value={role}
              onChange={(value) => setRole(value as Role | '')}
              placeholder={t.errors.chooseOne}
              options={roles.map((r) => ({ value: r, label: t.roles[r] }))}
              error={error?.fields.role}
              errorLang={error?.lang?.fields?.role}
              required
            />
            {all ? (
              <SelectField
                id="ente"
                label={t.people.ente}
                hint={t.people.enteHint}
                value={ente}
                onChange={setEnte}
                placeholder={t.common.chooseEnte}
                options={(enti.data ?? []).map((e) => ({
                  value: e.ipaCode,
                  label: `${e.name} (${e.ipaCode})`,
                }))}
                error={error?.fields.ente}
                errorLang={error?.lang?.fields?.ente}
                required={needsEnte}
              />
            ) : null}
            <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
              {t.people.submit}
            </button>
          </form>
        </section>
      ) : null}
    </Page>
  );
}
