/**
 * /console/questionnaires/drafts/:id: the editor of a draft (the central office). The
 * questionnaire's texts, then each item in its fieldset: question, hint and option labels in
 * it/en/de, required, moved up or down, removed; a new item by type and code. "Save" PUTs the
 * definition: the server's validator answers 422 with its faults (its schema 400 with its first),
 * listed in the focused error summary and linked to their fields. What is typed while a save is
 * on its way stays (the form becomes the server's copy only when nothing changed meanwhile).
 * "Open the preview" is a plain link to the hosted page the server renders from the saved draft
 * (the page says so, and more when there are unsaved changes). Leaving with unsaved changes asks
 * first (a link in the console, or the browser's own question for a reload or another site).
 * "Publish" and "Delete draft" ask first, then go back to the list, where a focused notice says
 * what was done.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useBlocker, useNavigate, useParams, type BlockerFunction } from 'react-router';
import { validateDefinition } from '../../domain/definition.js';
import { ITEM_TYPES } from '../../domain/questionnaire.js';
import { ApiError, api, type FieldProblem } from '../api.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { SelectField, TextArea, TextField } from '../components/fields.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { describeError, joinMessages, SERVER_LANG, type FormError } from '../errors.js';
import { useI18n } from '../i18n/index.js';
import type { Messages } from '../i18n/it.js';
import {
  conditionText,
  faultTarget,
  fieldId,
  isChoiceType,
  isPointType,
  ITEM_CODE,
  MAX_ITEMS,
  MAX_LENGTH,
  MAX_OPTIONS,
  newItem,
  nextOptionCode,
  sameDefinition,
  TEXT_LANGS,
  toDefinition,
  toForm,
  type FaultTarget,
  type FormDefinition,
  type FormItem,
  type ItemType,
  type Lang,
  type Texts,
} from '../questionnaire-form.js';
import {
  draftPreviewUrl,
  draftQuery,
  draftsQuery,
  enc,
  questionnairesQuery,
  versionQuery,
} from '../queries.js';
import type { QuestionnaireDraft } from '../types.js';
import type { QuestionnairesState } from './Questionnaires.js';

export function QuestionnaireDraftPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const draft = useQuery(draftQuery(id));
  // The editor starts from the server's copy as it is now: on a return, what the cache kept is
  // asked again (staleTime 0) and the editor waits for the answer (the editor reads its draft
  // once, when it starts). One Page for both, so the h1 the layout focused stays.
  const ready = draft.isSuccess && (draft.isFetchedAfterMount || !draft.isFetching);
  const title = ready
    ? t.draft.title(draft.data.definition.family, draft.data.definition.version)
    : t.draft.loadingTitle;
  return (
    <Page title={title}>
      {ready ? (
        <DraftEditor key={draft.data.id} draft={draft.data} />
      ) : (
        <>
          {draft.isError ? <LoadError error={draft.error} /> : <Loading />}
          <p>
            <Link to="/questionnaires">{t.draft.back}</Link>
          </p>
        </>
      )}
    </Page>
  );
}

/** The labels of the fields the server's faults name, for the error summary. */
function faultLabel(target: FaultTarget, form: FormDefinition, t: Messages): string | undefined {
  const d = t.draft;
  const part = target.part;
  if (part.kind === 'form') return undefined;
  if (part.kind === 'text') {
    const lang = d.langNames[part.lang];
    return part.name === 'title'
      ? d.titleField(lang)
      : part.name === 'intro'
        ? d.introField(lang)
        : d.closingField(lang);
  }
  const item = form.items.find((i) => i.code === part.code);
  const lang = part.lang ? d.langNames[part.lang] : '';
  switch (part.what) {
    case 'question':
      return `${part.code} — ${d.question(lang)}`;
    case 'hint':
      return `${part.code} — ${d.hint(lang)}`;
    case 'choice':
    case 'code': {
      const choice = item?.choices[part.choice ?? 0];
      const name =
        !item || !choice
          ? ''
          : isPointType(item.type)
            ? d.point(String(choice.value))
            : d.option(String(choice.value));
      return `${part.code} — ${name} — ${part.what === 'code' ? d.optionCode : d.label(lang)}`;
    }
    case 'maxLength':
      return `${part.code} — ${d.maxLength}`;
    default:
      return part.code;
  }
}

/**
 * A fault in the reader's language: the validator's (422) by its code, the schema's (400) by
 * what it names (an empty Italian text is a schema fault: the API wants at least a character).
 * Where the catalogue has no words for it, the server's own detail, in English (its `lang`).
 */
function faultMessage(
  fault: FieldProblem,
  target: FaultTarget,
  t: Messages,
): { text: string; lang?: string } {
  const faults = t.draft.faults;
  const part = target.part;
  const lang = 'lang' in part ? part.lang : undefined;
  const server = { text: fault.detail, lang: SERVER_LANG };
  if (fault.code === 'missing-text' || fault.code === 'minLength')
    return lang === undefined || lang === 'it' ? { text: faults['missing-text']! } : server;
  if (part.kind === 'item' && part.what === 'code') return { text: faults['invalid-option-code']! };
  if (part.kind === 'item' && part.what === 'maxLength') return { text: faults['invalid-max-length']! };
  if (fault.code === 'maxLength') return { text: faults['too-long']! };
  const known = faults[fault.code];
  return known === undefined ? server : { text: known };
}

/** The faults in the order of their fields on the page (the summary lists them so). */
function inPageOrder(fields: Record<string, string>): Record<string, string> {
  const position = (id: string) => document.getElementById(id);
  const ids = Object.keys(fields).sort((a, b) => {
    const [x, y] = [position(a), position(b)];
    if (!x || !y || x === y) return 0;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return Object.fromEntries(ids.map((id) => [id, fields[id]!]));
}

function DraftEditor({ draft }: { draft: QuestionnaireDraft }) {
  const { t, formatDateTime } = useI18n();
  const d = t.draft;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(draft);
  const [form, setForm] = useState<FormDefinition>(() => toForm(draft.definition));
  const [error, setError] = useState<FormError | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [savedNotice, setSavedNotice] = useState(0);
  const [live, setLive] = useState('');
  const [confirm, setConfirm] = useState<'publish' | 'discard' | null>(null);
  const [addType, setAddType] = useState<ItemType>('scale');
  const [addCode, setAddCode] = useState('');
  const [addError, setAddError] = useState<string | undefined>(undefined);
  const focusNext = useRef<string | null>(null);
  const { family, version } = saved.definition;

  // Items not in the latest published version are new: their options are theirs to name.
  const previous = useQuery({ ...versionQuery(family, version - 1), enabled: version > 1 });
  const publishedCodes = useMemo(
    () => (previous.data ? new Set(previous.data.items.map((i) => i.code)) : null),
    [previous.data],
  );
  const isNew = (code: string) => publishedCodes !== null && !publishedCodes.has(code);

  const savedForm = useMemo(() => toForm(saved.definition), [saved]);
  const dirty = useMemo(() => !sameDefinition(form, savedForm), [form, savedForm]);

  // Unsaved changes: leaving by a link of the console asks first (the dialog below), leaving
  // the page (reload, another address, the preview) gets the browser's own question. Publishing
  // or deleting the draft leaves without asking (`leaving`): the dialog of either said enough.
  const leaving = useRef(false);
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
    [dirty],
  );
  const blocker = useBlocker(shouldBlock);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // After a move, a removal or an addition, the focus goes where the reader is working.
  useEffect(() => {
    if (focusNext.current === null) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  }, [form]);

  const draftUrl = `/admin/questionnaire-drafts/${enc(saved.id)}`;
  const refreshLists = () => {
    void queryClient.invalidateQueries({ queryKey: draftsQuery().queryKey });
    void queryClient.invalidateQueries({ queryKey: ['questionnaire-diff', family] });
  };

  // The form as sent is the mutation's variables: what is typed while the PUT is on its way is
  // neither lost nor judged by faults that were found in what was sent.
  const save = useMutation({
    mutationFn: (sent: FormDefinition) =>
      api.put<QuestionnaireDraft>(draftUrl, { definition: toDefinition(sent) }),
    onSuccess(next, sent) {
      queryClient.setQueryData(draftQuery(next.id).queryKey, next);
      refreshLists();
      setSaved(next);
      // The server's copy (as it normalizes it) only if nothing changed since it was sent.
      setForm((current) =>
        current === sent || sameDefinition(current, sent) ? toForm(next.definition) : current,
      );
      setError(null);
      setSavedNotice(Date.now());
    },
    onError(failure, sent) {
      setSavedNotice(0);
      const faults = failure instanceof ApiError ? (failure.problem.errors ?? []) : [];
      if (
        faults.length === 0 ||
        !(failure instanceof ApiError) ||
        (failure.status !== 422 && failure.status !== 400)
      ) {
        setLabels({});
        setError(describeError(failure, t));
        return;
      }
      // The API's schema (400) stops at its first fault; the definition validator, the server's
      // own, run here on the same definition, names the others, so that all come at once.
      const all = failure.status === 400 ? [...faults, ...validateDefinition(toDefinition(sent))] : faults;
      const messages: Record<string, { text: string; lang?: string }[]> = {};
      const named: Record<string, string> = {};
      for (const fault of all) {
        const target = faultTarget(fault, sent);
        (messages[target.field] ??= []).push(faultMessage(fault, target, t));
        const label = faultLabel(target, sent, t);
        if (label) named[target.field] = label;
      }
      const fields: Record<string, string> = {};
      const langs: Record<string, string> = {};
      for (const [field, parts] of Object.entries(messages)) {
        const joined = joinMessages(parts);
        fields[field] = joined.text;
        if (joined.lang) langs[field] = joined.lang;
      }
      setLabels(named);
      setError({ summary: d.invalid, fields: inPageOrder(fields), lang: { fields: langs } });
    },
  });

  const leave = (state: QuestionnairesState) => {
    leaving.current = true;
    queryClient.removeQueries({ queryKey: draftQuery(saved.id).queryKey });
    // The list must not offer the gone draft while it asks the server again.
    queryClient.setQueryData(draftsQuery().queryKey, (drafts) => drafts?.filter((x) => x.id !== saved.id));
    refreshLists();
    void queryClient.invalidateQueries({ queryKey: questionnairesQuery().queryKey });
    // A replace: the draft is gone, Back should not lead to it; the list's notice takes the focus.
    navigate('/questionnaires', { replace: true, state });
  };
  const failed = (failure: unknown) => {
    setConfirm(null);
    setSavedNotice(0);
    setLabels({});
    setError(describeError(failure, t));
  };
  const publish = useMutation({
    mutationFn: () => api.post<{ family: string; version: number }>(`${draftUrl}/publish`),
    onSuccess: (published) => leave({ published, at: Date.now() }),
    onError: failed,
  });
  const discard = useMutation({
    mutationFn: () => api.delete(draftUrl),
    onSuccess: () => leave({ discarded: family, at: Date.now() }),
    onError: failed,
  });

  // ---- Editing ----
  const setText = (part: 'title' | 'intro' | 'closing', lang: Lang, value: string) =>
    setForm((f) => ({ ...f, [part]: { ...f[part], [lang]: value } }));
  const setItem = (index: number, change: (item: FormItem) => FormItem) =>
    setForm((f) => ({ ...f, items: f.items.map((item, i) => (i === index ? change(item) : item)) }));

  function move(index: number, delta: -1 | 1) {
    const target = index + delta;
    const item = form.items[index];
    if (!item || target < 0 || target >= form.items.length) return;
    const items = [...form.items];
    items.splice(index, 1);
    items.splice(target, 0, item);
    const first = target === 0;
    const last = target === items.length - 1;
    const direction = (delta === -1 && !first) || last ? 'up' : 'down';
    focusNext.current = `item-${item.code}-move-${direction}`;
    setForm({ ...form, items });
    setLive(d.moved(item.code, target + 1, items.length));
  }

  function remove(index: number) {
    const item = form.items[index];
    if (!item) return;
    const items = form.items.filter((_, i) => i !== index);
    const next = items[index] ?? items[index - 1];
    focusNext.current = next ? fieldId.item(next.code) : 'items-title';
    setForm({ ...form, items });
    setLive(d.removed(item.code));
  }

  function add(event: FormEvent) {
    event.preventDefault();
    const code = addCode.trim();
    const problem = !ITEM_CODE.test(code)
      ? d.codeInvalid
      : form.items.some((i) => i.code === code)
        ? d.codeTaken
        : form.items.length >= MAX_ITEMS
          ? d.tooMany
          : undefined;
    setAddError(problem);
    if (problem) {
      document.getElementById('add-code')?.focus();
      return;
    }
    focusNext.current = fieldId.itemText(code, 'question', 'it');
    setForm({ ...form, items: [...form.items, newItem(code, addType)] });
    setAddCode('');
    setLive(d.added(code));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(form);
  }

  const fieldError = (id: string) => error?.fields[id];
  const fieldErrorLang = (id: string) => error?.lang?.fields?.[id];
  const previewNotes = dirty ? 'preview-note preview-unsaved' : 'preview-note';
  const langName = (lang: Lang) => d.langNames[lang];

  return (
    <>
      <p>
        <Link to="/questionnaires">{d.back}</Link>
      </p>
      {savedNotice ? <Notice key={savedNotice}>{d.saved}</Notice> : null}
      <ErrorSummary error={error} labels={labels} />
      <p className="lead">{d.intro}</p>
      <p>{d.languagesNote}</p>
      <p className="console-muted">{d.savedAt(formatDateTime(saved.updatedAt))}</p>

      <form id="draft-form" onSubmit={submit} noValidate className="console-editor">
        <fieldset className="console-item">
          <legend className="console-item-legend">
            <h2 className="h4 mb-0">{d.questionnaireLegend}</h2>
          </legend>
          <LangFields
            idOf={(lang) => fieldId.text('title', lang)}
            labelOf={(lang) => d.titleField(langName(lang))}
            value={form.title}
            onChange={(lang, value) => setText('title', lang, value)}
            maxLength={MAX_LENGTH.title}
            errorOf={fieldError}
            errorLangOf={fieldErrorLang}
            requiredIt
          />
          <LangFields
            idOf={(lang) => fieldId.text('intro', lang)}
            labelOf={(lang) => d.introField(langName(lang))}
            value={form.intro}
            onChange={(lang, value) => setText('intro', lang, value)}
            maxLength={MAX_LENGTH.intro}
            errorOf={fieldError}
            errorLangOf={fieldErrorLang}
            multiline
          />
          <LangFields
            idOf={(lang) => fieldId.text('closing', lang)}
            labelOf={(lang) => d.closingField(langName(lang))}
            value={form.closing}
            onChange={(lang, value) => setText('closing', lang, value)}
            maxLength={MAX_LENGTH.closing}
            errorOf={fieldError}
            errorLangOf={fieldErrorLang}
            multiline
            requiredIt
          />
        </fieldset>

        <h2 id="items-title" tabIndex={-1} className="h3 console-items-title">
          {d.itemsTitle(form.items.length)}
        </h2>
        {form.items.map((item, index) => (
          <ItemFields
            key={item.code}
            item={item}
            position={index + 1}
            total={form.items.length}
            editableOptions={isChoiceType(item.type) && isNew(item.code)}
            onChange={(change) => setItem(index, change)}
            onMove={(delta) => move(index, delta)}
            onRemove={() => remove(index)}
            onAnnounce={(message, focus) => {
              focusNext.current = focus;
              setLive(message);
            }}
            errorOf={fieldError}
            errorLangOf={fieldErrorLang}
          />
        ))}
      </form>

      <form onSubmit={add} noValidate className="console-item console-add" aria-labelledby="add-title">
        <h2 id="add-title" className="h4">
          {d.addTitle}
        </h2>
        <div className="console-add-fields">
          <SelectField
            id="add-type"
            label={d.addType}
            value={addType}
            onChange={(value) => setAddType(value as ItemType)}
            options={ITEM_TYPES.map((type) => ({ value: type, label: d.types[type] }))}
          />
          <TextField
            id="add-code"
            label={d.addCode}
            hint={d.addCodeHint}
            value={addCode}
            onChange={setAddCode}
            error={addError}
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            required
          />
        </div>
        <button type="submit" className="btn btn-outline-primary">
          {d.addSubmit}
        </button>
      </form>

      <section aria-labelledby="draft-actions-title" className="console-draft-actions">
        <h2 id="draft-actions-title" className="h4">
          {d.actionsTitle}
        </h2>
        {dirty ? <p className="console-unsaved">{d.unsaved}</p> : null}
        <div className="console-actions">
          <button type="submit" form="draft-form" className="btn btn-primary" disabled={save.isPending}>
            {d.save}
          </button>
          <a
            className="btn btn-outline-primary"
            href={draftPreviewUrl(saved.id, 'it')}
            aria-describedby={previewNotes}
          >
            {d.preview}
          </a>
          <button type="button" className="btn btn-outline-primary" onClick={() => setConfirm('publish')}>
            {d.publish}
          </button>
          <button type="button" className="btn btn-outline-danger" onClick={() => setConfirm('discard')}>
            {d.discard}
          </button>
        </div>
        <p id="preview-note" className="console-hint mt-3 mb-1">
          {d.previewNote}
        </p>
        {dirty ? (
          <p id="preview-unsaved" className="console-unsaved mb-1">
            {d.previewUnsaved}
          </p>
        ) : null}
        <ul className="console-inline-list">
          {(['en', 'de'] as const).map((lang) => (
            <li key={lang}>
              <a href={draftPreviewUrl(saved.id, lang)} aria-describedby={previewNotes}>
                {d.previewIn(langName(lang))}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <div aria-live="polite" className="visually-hidden">
        {live}
      </div>

      <ConfirmDialog
        open={confirm === 'publish'}
        title={d.publishTitle(family, version)}
        confirmLabel={d.publish}
        busy={publish.isPending}
        onConfirm={() => publish.mutate()}
        onCancel={() => setConfirm(null)}
      >
        <p className={dirty ? 'mb-2' : 'mb-0'}>{d.publishText}</p>
        {dirty ? <p className="mb-0 console-unsaved">{d.publishUnsaved}</p> : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'discard'}
        title={d.discardTitle}
        confirmLabel={d.discard}
        busy={discard.isPending}
        onConfirm={() => discard.mutate()}
        onCancel={() => setConfirm(null)}
      >
        <p className="mb-0">{d.discardText}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title={d.leaveTitle}
        confirmLabel={d.leave}
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <p className="mb-0">{d.leaveText}</p>
      </ConfirmDialog>
    </>
  );
}

/** One text in its three languages, side by side from 992 px. */
function LangFields({
  idOf,
  labelOf,
  value,
  onChange,
  maxLength,
  errorOf,
  errorLangOf,
  multiline = false,
  rows = 3,
  requiredIt = false,
}: {
  idOf(lang: Lang): string;
  labelOf(lang: Lang): string;
  value: Texts;
  onChange(lang: Lang, value: string): void;
  maxLength: number;
  errorOf(id: string): string | undefined;
  /** The language of a field's error, when it is the server's own words. */
  errorLangOf(id: string): string | undefined;
  multiline?: boolean;
  rows?: number;
  requiredIt?: boolean;
}) {
  return (
    <div className="console-langs">
      {TEXT_LANGS.map((lang) => {
        const props = {
          id: idOf(lang),
          label: labelOf(lang),
          value: value[lang],
          onChange: (next: string) => onChange(lang, next),
          error: errorOf(idOf(lang)),
          errorLang: errorLangOf(idOf(lang)),
          required: requiredIt && lang === 'it',
          maxLength,
          lang,
        };
        return multiline ? (
          <TextArea key={lang} {...props} rows={rows} />
        ) : (
          <TextField key={lang} {...props} />
        );
      })}
    </div>
  );
}

function ItemFields({
  item,
  position,
  total,
  editableOptions,
  onChange,
  onMove,
  onRemove,
  onAnnounce,
  errorOf,
  errorLangOf,
}: {
  item: FormItem;
  position: number;
  total: number;
  editableOptions: boolean;
  onChange(change: (item: FormItem) => FormItem): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  onAnnounce(message: string, focus: string): void;
  errorOf(id: string): string | undefined;
  /** The language of a field's error, when it is the server's own words. */
  errorLangOf(id: string): string | undefined;
}) {
  const { t } = useI18n();
  const d = t.draft;
  const code = item.code;
  const langName = (lang: Lang) => d.langNames[lang];
  const itemError = errorOf(fieldId.item(code));
  const setChoice = (
    index: number,
    change: (c: FormItem['choices'][number]) => FormItem['choices'][number],
  ) => onChange((i) => ({ ...i, choices: i.choices.map((c, n) => (n === index ? change(c) : c)) }));
  const hidden = (text: string) => <span className="visually-hidden"> {text}</span>;
  const condition = item.base.showWhen
    ? conditionText(item.base.showWhen, { and: d.and, or: d.or, includes: d.includes })
    : null;

  return (
    <fieldset
      id={fieldId.item(code)}
      tabIndex={-1}
      className={`console-item${itemError ? ' console-field-invalid' : ''}`}
      aria-describedby={itemError ? `${fieldId.item(code)}-error` : undefined}
    >
      <legend className="console-item-legend">
        <h3 className="h5 mb-0">{d.itemLegend(position, code, d.types[item.type])}</h3>
      </legend>
      {itemError ? (
        <div
          id={`${fieldId.item(code)}-error`}
          className="console-field-error mb-3"
          lang={errorLangOf(fieldId.item(code))}
        >
          {itemError}
        </div>
      ) : null}
      {condition ? <p className="console-hint mt-0">{d.shownWhen(condition)}</p> : null}
      <LangFields
        idOf={(lang) => fieldId.itemText(code, 'question', lang)}
        labelOf={(lang) => d.question(langName(lang))}
        value={item.question}
        onChange={(lang, value) => onChange((i) => ({ ...i, question: { ...i.question, [lang]: value } }))}
        maxLength={MAX_LENGTH.question}
        errorOf={errorOf}
        errorLangOf={errorLangOf}
        multiline
        rows={2}
        requiredIt
      />
      <LangFields
        idOf={(lang) => fieldId.itemText(code, 'hint', lang)}
        labelOf={(lang) => d.hint(langName(lang))}
        value={item.hint}
        onChange={(lang, value) => onChange((i) => ({ ...i, hint: { ...i.hint, [lang]: value } }))}
        maxLength={MAX_LENGTH.hint}
        errorOf={errorOf}
        errorLangOf={errorLangOf}
      />
      <div className="form-check console-check">
        <input
          id={fieldId.required(code)}
          type="checkbox"
          checked={item.required}
          onChange={(event) => onChange((i) => ({ ...i, required: event.target.checked }))}
        />
        <label htmlFor={fieldId.required(code)}>{d.required}</label>
      </div>
      {item.type === 'text' ? (
        <div className="console-narrow">
          <TextField
            id={fieldId.maxLength(code)}
            label={d.maxLength}
            hint={d.maxLengthHint}
            inputMode="numeric"
            value={item.maxLength}
            onChange={(maxLength) => onChange((i) => ({ ...i, maxLength }))}
            error={errorOf(fieldId.maxLength(code))}
            errorLang={errorLangOf(fieldId.maxLength(code))}
            maxLength={4}
            required
          />
        </div>
      ) : null}
      {item.choices.length > 0 ? (
        <div className="console-choices">
          <p className="console-choices-title">{isPointType(item.type) ? d.pointsLegend : d.optionsLegend}</p>
          {item.choices.map((choice, index) => (
            <fieldset key={index} className="console-choice">
              <legend className="console-legend">
                {isPointType(item.type)
                  ? d.point(String(choice.value))
                  : editableOptions
                    ? d.newOption(index + 1)
                    : d.option(String(choice.value))}
              </legend>
              {editableOptions ? (
                <div className="console-choice-code">
                  <TextField
                    id={fieldId.choiceCode(code, index)}
                    label={d.optionCode}
                    hint={d.optionCodeHint}
                    value={String(choice.value)}
                    onChange={(value) => setChoice(index, (c) => ({ ...c, value }))}
                    error={errorOf(fieldId.choiceCode(code, index))}
                    errorLang={errorLangOf(fieldId.choiceCode(code, index))}
                    autoCapitalize="none"
                    spellCheck={false}
                    maxLength={MAX_LENGTH.code}
                    required
                  />
                </div>
              ) : null}
              <LangFields
                idOf={(lang) => fieldId.choice(code, index, lang)}
                labelOf={(lang) => d.label(langName(lang))}
                value={choice.label}
                onChange={(lang, value) =>
                  setChoice(index, (c) => ({ ...c, label: { ...c.label, [lang]: value } }))
                }
                maxLength={isPointType(item.type) ? MAX_LENGTH.point : MAX_LENGTH.option}
                errorOf={errorOf}
                errorLangOf={errorLangOf}
                requiredIt
              />
              {editableOptions && item.choices.length > 2 ? (
                <button
                  type="button"
                  className="btn btn-outline-danger btn-sm"
                  onClick={() => {
                    onChange((i) => ({ ...i, choices: i.choices.filter((_, n) => n !== index) }));
                    onAnnounce(d.optionRemoved, fieldId.item(code));
                  }}
                >
                  {d.removeOption}
                  {hidden(d.newOption(index + 1))}
                </button>
              ) : null}
            </fieldset>
          ))}
          {editableOptions && item.choices.length < MAX_OPTIONS ? (
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              onClick={() => {
                const index = item.choices.length;
                onChange((i) => ({
                  ...i,
                  choices: [
                    ...i.choices,
                    { value: nextOptionCode(i.choices), label: { it: '', en: '', de: '' } },
                  ],
                }));
                onAnnounce(d.optionAdded, fieldId.choiceCode(code, index));
              }}
            >
              {d.addOption}
              {hidden(code)}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="console-actions console-item-actions">
        <button
          id={`item-${code}-move-up`}
          type="button"
          className="btn btn-outline-primary btn-sm"
          disabled={position === 1}
          onClick={() => onMove(-1)}
        >
          {d.moveUp}
          {hidden(code)}
        </button>
        <button
          id={`item-${code}-move-down`}
          type="button"
          className="btn btn-outline-primary btn-sm"
          disabled={position === total}
          onClick={() => onMove(1)}
        >
          {d.moveDown}
          {hidden(code)}
        </button>
        <button type="button" className="btn btn-outline-danger btn-sm" onClick={onRemove}>
          {d.remove}
          {hidden(code)}
        </button>
      </div>
    </fieldset>
  );
}
