/**
 * /console/questionnaires: the families and their published versions, each linked to its JSON;
 * for the central office (questionnaires:write) "New draft" or "Edit draft" per family; for
 * everyone a "Compare versions" form (published versions, and the open draft for the central
 * office) that lists what changed item by item.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../api.js';
import { DataTable } from '../components/DataTable.js';
import { SelectField } from '../components/fields.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { describeError } from '../errors.js';
import { useI18n, useT } from '../i18n/index.js';
import type { Messages } from '../i18n/it.js';
import { can } from '../permissions.js';
import {
  diffQuery,
  draftQuery,
  draftsQuery,
  enc,
  questionnairesQuery,
  questionnaireVersionJsonUrl,
} from '../queries.js';
import { useSession } from '../session.js';
import type { QuestionnaireDiff, QuestionnaireDraft, QuestionnaireFamily } from '../types.js';

/** What the editor leaves in the history state when it comes back here. */
export type QuestionnairesState =
  | { readonly published: { readonly family: string; readonly version: number }; readonly at: number }
  | { readonly discarded: string; readonly at: number };

export function Questionnaires() {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const writes = can(user, 'questionnaires:write');
  const families = useQuery(questionnairesQuery());
  const drafts = useQuery({ ...draftsQuery(), enabled: writes });
  const back = location.state as QuestionnairesState | null;

  return (
    <Page title={t.questionnaires.title}>
      {back && 'published' in back ? (
        <Notice key={back.at}>
          {t.questionnaires.published(back.published.family, back.published.version)}
        </Notice>
      ) : back && 'discarded' in back ? (
        <Notice key={back.at}>{t.questionnaires.discarded(back.discarded)}</Notice>
      ) : null}
      <p className="lead">{t.questionnaires.intro}</p>
      {drafts.isError ? <LoadError error={drafts.error} /> : null}
      {families.isPending ? (
        <Loading />
      ) : families.isError ? (
        <LoadError error={families.error} />
      ) : families.data.length === 0 ? (
        <p>{t.questionnaires.empty}</p>
      ) : (
        families.data.map((family) => (
          <Family
            key={family.family}
            family={family}
            writes={writes}
            draftsLoaded={!writes || drafts.isSuccess}
            draft={drafts.data?.find((d) => d.family === family.family) ?? null}
          />
        ))
      )}
    </Page>
  );
}

function Family({
  family,
  writes,
  draftsLoaded,
  draft,
}: {
  family: QuestionnaireFamily;
  writes: boolean;
  draftsLoaded: boolean;
  draft: QuestionnaireDraft | null;
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const headingId = `family-${family.family}`;
  const open = useMutation({
    mutationFn: () => api.post<QuestionnaireDraft>(`/admin/questionnaires/${enc(family.family)}/drafts`),
    onSuccess(created) {
      queryClient.setQueryData(draftQuery(created.id).queryKey, created);
      void queryClient.invalidateQueries({ queryKey: draftsQuery().queryKey });
      navigate(`/questionnaires/drafts/${enc(created.id)}`);
    },
    onError(failure) {
      // 409: someone opened one meanwhile; the list then offers to edit it.
      if (failure instanceof ApiError && failure.status === 409)
        void queryClient.invalidateQueries({ queryKey: draftsQuery().queryKey });
    },
  });
  const openError = open.isError ? describeError(open.error, t) : null;

  return (
    <section aria-labelledby={headingId} className="mb-5">
      <h2 id={headingId} className="h4">
        <code>{family.family}</code>
      </h2>
      <DataTable caption={t.questionnaires.caption(family.family)}>
        <thead>
          <tr>
            <th scope="col">{t.questionnaires.version}</th>
            <th scope="col">{t.questionnaires.versionTitle}</th>
            <th scope="col">{t.questionnaires.publishedAt}</th>
            <th scope="col">{t.questionnaires.json}</th>
          </tr>
        </thead>
        <tbody>
          {family.versions.map((version) => (
            <tr key={version.id}>
              <th scope="row">{version.version}</th>
              <td lang="it">{version.title}</td>
              <td>{formatDate(version.publishedAt)}</td>
              <td>
                <a href={questionnaireVersionJsonUrl(family.family, version.version)}>
                  {t.questionnaires.jsonLink(version.version)}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {writes && draftsLoaded ? (
        <div className="console-family-draft">
          {draft ? (
            <>
              <p>{t.questionnaires.draftOpen(draft.definition.version, formatDateTime(draft.updatedAt))}</p>
              <Link className="btn btn-primary" to={`/questionnaires/drafts/${enc(draft.id)}`}>
                {t.questionnaires.editDraft}
                <span className="visually-hidden">{t.questionnaires.ofFamily(family.family)}</span>
              </Link>
            </>
          ) : (
            <>
              <p>{t.questionnaires.noDraft}</p>
              <button
                type="button"
                className="btn btn-primary"
                disabled={open.isPending}
                onClick={() => open.mutate()}
              >
                {t.questionnaires.newDraft}
                <span className="visually-hidden">{t.questionnaires.ofFamily(family.family)}</span>
              </button>
            </>
          )}
          {openError ? (
            <div className="alert alert-danger mt-3" role="alert">
              <p className="mb-0">{openError.summary}</p>
              {openError.detail ? <p className="mb-0 mt-1">{openError.detail}</p> : null}
            </div>
          ) : null}
        </div>
      ) : null}
      {!writes || draftsLoaded ? (
        // Anew when a version or a draft comes or goes: the choices start from what there is.
        <Compare key={`${family.versions.length}-${draft?.id ?? ''}`} family={family} draft={draft} />
      ) : null}
    </section>
  );
}

interface Choice {
  readonly from: number;
  /** null: the open draft. */
  readonly to: number | null;
}

/** "Compare versions": two selects, then the diff as lists, focused when it comes. */
function Compare({ family, draft }: { family: QuestionnaireFamily; draft: QuestionnaireDraft | null }) {
  const t = useT();
  const versions = family.versions.map((v) => v.version).sort((a, b) => b - a);
  const latest = versions[0] ?? 1;
  const [from, setFrom] = useState(String(draft ? latest : (versions[1] ?? latest)));
  const [to, setTo] = useState(draft ? 'draft' : String(latest));
  const [asked, setAsked] = useState<(Choice & { at: number }) | null>(null);
  const id = (name: string) => `${family.family}-${name}`;

  if (versions.length < 2 && !draft)
    return <p className="console-muted">{t.questionnaires.nothingToCompare}</p>;

  const toOptions = [
    ...(draft ? [{ value: 'draft', label: t.questionnaires.draftOption(draft.definition.version) }] : []),
    ...versions.map((v) => ({ value: String(v), label: t.questionnaires.versionOption(v) })),
  ];

  function submit(event: FormEvent) {
    event.preventDefault();
    setAsked({ from: Number(from), to: to === 'draft' ? null : Number(to), at: Date.now() });
  }

  return (
    <div className="console-compare">
      <h3 id={id('compare-title')} className="h5">
        {t.questionnaires.compareTitle}
      </h3>
      <form onSubmit={submit} noValidate className="console-filters" aria-labelledby={id('compare-title')}>
        <SelectField
          id={id('from')}
          label={t.questionnaires.compareFrom}
          value={from}
          onChange={setFrom}
          options={versions.map((v) => ({ value: String(v), label: t.questionnaires.versionOption(v) }))}
        />
        <SelectField
          id={id('to')}
          label={t.questionnaires.compareTo}
          value={to}
          onChange={setTo}
          options={toOptions}
        />
        <button type="submit" className="btn btn-outline-primary">
          {t.questionnaires.compare}
          <span className="visually-hidden">{t.questionnaires.ofFamily(family.family)}</span>
        </button>
      </form>
      {asked ? <DiffResult key={asked.at} family={family.family} choice={asked} /> : null}
    </div>
  );
}

function DiffResult({ family, choice }: { family: string; choice: Choice }) {
  const t = useT();
  const diff = useQuery(diffQuery(family, choice.from, choice.to));
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (diff.data || diff.isError) ref.current?.focus();
  }, [diff.data, diff.isError]);
  if (diff.isPending) return <Loading />;
  return (
    <div ref={ref} tabIndex={-1} className="console-diff" role={diff.isError ? undefined : 'status'}>
      {diff.isError ? (
        <LoadError error={diff.error} />
      ) : (
        <DiffLists diff={diff.data} draft={choice.to === null} t={t} />
      )}
    </div>
  );
}

function DiffLists({ diff, draft, t }: { diff: QuestionnaireDiff; draft: boolean; t: Messages }) {
  const q = t.questionnaires;
  const field = (name: string) => q.fieldNames[name] ?? name;
  const nothing =
    diff.questionnaire.length === 0 &&
    diff.added.length === 0 &&
    diff.removed.length === 0 &&
    diff.changed.length === 0 &&
    !diff.reordered;
  const codes = (list: readonly string[]) =>
    list.length === 0 ? (
      q.diffEmpty
    ) : (
      <ul className="console-plain-list">
        {list.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <h4 className="h6">
        {q.diffTitle(diff.from, draft ? q.diffToDraft(diff.to) : q.diffToVersion(diff.to))}
      </h4>
      {nothing ? (
        <p className="mb-0">{q.diffNone}</p>
      ) : (
        <dl className="console-dl mb-0">
          <dt>{q.diffQuestionnaire}</dt>
          <dd>{diff.questionnaire.length === 0 ? q.diffEmpty : diff.questionnaire.map(field).join(', ')}</dd>
          <dt>{q.diffAdded}</dt>
          <dd>{codes(diff.added)}</dd>
          <dt>{q.diffRemoved}</dt>
          <dd>{codes(diff.removed)}</dd>
          <dt>{q.diffChanged}</dt>
          <dd>
            {diff.changed.length === 0 ? (
              q.diffEmpty
            ) : (
              <ul className="console-plain-list">
                {diff.changed.map((change) => (
                  <li key={change.code}>
                    <code>{change.code}</code>: {change.fields.map(field).join(', ')}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>{q.diffReordered}</dt>
          <dd>{diff.reordered ? q.reorderedYes : q.reorderedNo}</dd>
        </dl>
      )}
    </>
  );
}
