import { holds } from '../domain/conditions.js';
import type { AnswerValue, Item } from '../domain/questionnaire.js';
import { busy, finalText, finish, honeypot, localized, submitAnswers, type Context } from './context.js';
import { h, srOnly } from './dom.js';
import type { FieldError } from './submit.js';

interface Field {
  readonly item: Item;
  readonly root: HTMLElement;
  readonly error: HTMLElement;
  readonly first: HTMLElement;
  /** Ids the group is described by when no error is shown. */
  readonly describedBy: string;
}

function field(ctx: Context, item: Item): Field {
  const { lang, texts } = ctx;
  const base = `${ctx.prefix}-${item.code}`;
  const hint = item.hint && h('p', { class: 'vf-hint', id: `${base}-hint` }, localized(item.hint, lang));
  const error = h('p', { class: 'vf-error', id: `${base}-error`, hidden: true });
  const question = [
    localized(item.question, lang),
    item.required && h('span', { class: 'vf-req', 'aria-hidden': 'true' }, ' *'),
    item.required && srOnly(` (${texts.required})`),
  ];
  if (item.type === 'text') {
    const limit = h('p', { class: 'vf-hint', id: `${base}-limit` }, texts.maxChars(item.maxLength));
    const describedBy = [hint && `${base}-hint`, `${base}-limit`].filter(Boolean).join(' ');
    const textarea = h('textarea', {
      id: `${base}-1`,
      name: item.code,
      rows: 4,
      maxlength: item.maxLength,
      'aria-describedby': describedBy,
    });
    const root = h(
      'div',
      { class: 'vf-item' },
      h('label', { for: `${base}-1` }, ...question),
      hint,
      error,
      limit,
      textarea,
    );
    return { item, root, error, first: textarea, describedBy };
  }
  const kind = item.type === 'multiple' ? 'checkbox' : 'radio';
  const choices = item.type === 'scale' || item.type === 'rating' ? item.points : item.options;
  const inputs = choices.map((choice, i) =>
    h('input', { type: kind, id: `${base}-${i + 1}`, name: item.code, value: String(choice.value) }),
  );
  const label = (i: number) => {
    const text = localized(choices[i]!.label, lang);
    if (item.type !== 'rating') return [text];
    return [h('span', { class: 'vf-star', 'aria-hidden': 'true' }, '★'.repeat(i + 1)), srOnly(text)];
  };
  const list = h(
    'div',
    { class: `vf-choices vf-${item.type}` },
    ...inputs.map((input, i) =>
      h('div', { class: 'vf-choice' }, input, h('label', { for: input.id }, ...label(i))),
    ),
  );
  const describedBy = hint ? `${base}-hint` : '';
  const root = h('fieldset', { class: 'vf-item' }, h('legend', {}, ...question), hint, error, list);
  if (describedBy) root.setAttribute('aria-describedby', describedBy);
  return { item, root, error, first: inputs[0]!, describedBy };
}

/** A form value (always strings) in the answer's JSON shape; undefined when left blank. */
function valueOf(item: Item, values: readonly string[]): AnswerValue | undefined {
  if (item.type === 'multiple') return values.length > 0 ? values : undefined;
  const value = values[0]?.trim();
  if (!value) return undefined;
  return item.type === 'scale' || item.type === 'rating' ? Number(value) : value;
}

/**
 * The questionnaire of a national family (cx-*), for the widget's shadow root: one group per
 * item, follow-up items appearing as the answers open them, errors summarised and inline.
 */
export function renderNational(ctx: Context): HTMLElement {
  const { questionnaire, lang, texts } = ctx;
  const fields = questionnaire.items.map((item) => field(ctx, item));
  const summaryList = h('ul');
  const summary = h(
    'div',
    { class: 'vf-summary', role: 'alert', tabindex: -1, hidden: true },
    h('h3', {}, texts.errorSummary),
    summaryList,
  );
  const trap = honeypot(ctx);
  const button = h('button', { type: 'submit', class: 'vf-btn' }, texts.submit);
  const form = h(
    'form',
    { class: 'vf-form', novalidate: true },
    questionnaire.intro && h('p', { class: 'vf-intro' }, localized(questionnaire.intro, lang)),
    fields.some((f) => f.item.required) && h('p', { class: 'vf-hint' }, texts.requiredLegend),
    summary,
    ...fields.map((f) => f.root),
    trap.root,
    button,
  );
  const status = h('div', { class: 'vf-status', role: 'status', tabindex: -1 });

  /** The answers of the items shown, in order: an answer hidden by a later change no longer counts. */
  const current = () => {
    const data = new FormData(form);
    const answers: Record<string, AnswerValue> = {};
    const shown = new Set<string>();
    for (const { item } of fields) {
      if (!holds(item.showWhen, answers)) continue;
      shown.add(item.code);
      const value = valueOf(item, data.getAll(item.code).map(String));
      if (value !== undefined) answers[item.code] = value;
    }
    return { answers, shown };
  };
  const route = () => {
    const { shown } = current();
    for (const f of fields) f.root.hidden = !shown.has(f.item.code);
  };
  form.addEventListener('change', route);
  route();

  const showErrors = (errors: readonly FieldError[]) => {
    summaryList.replaceChildren();
    for (const f of fields) {
      f.error.hidden = true;
      f.root.classList.remove('vf-invalid');
      if (f.describedBy) f.root.setAttribute('aria-describedby', f.describedBy);
      else f.root.removeAttribute('aria-describedby');
    }
    for (const error of errors) {
      const code = error.item.replace(/^answers\./, '');
      const f = fields.find((candidate) => candidate.item.code === code && !candidate.root.hidden);
      const message = texts.fieldErrors[error.code] ?? texts.fallbackError;
      if (!f) {
        summaryList.append(h('li', {}, message));
        continue;
      }
      f.error.replaceChildren(srOnly(`${texts.errorPrefix} `), message);
      f.error.hidden = false;
      f.root.classList.add('vf-invalid');
      const describedBy = [f.describedBy, f.error.id].filter(Boolean).join(' ');
      (f.item.type === 'text' ? f.first : f.root).setAttribute('aria-describedby', describedBy);
      const link = h('a', { href: `#${f.first.id}` }, `${localized(f.item.question, lang)} – ${message}`);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        f.root.scrollIntoView({ block: 'start' });
        f.first.focus({ preventScroll: true });
      });
      summaryList.append(h('li', {}, link));
    }
    summary.hidden = errors.length === 0;
    if (errors.length > 0) summary.focus();
  };

  let sending = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    const { answers, shown } = current();
    const missing = fields
      .filter((f) => f.item.required && shown.has(f.item.code) && !(f.item.code in answers))
      .map((f) => ({ item: f.item.code, code: 'required' }));
    showErrors(missing);
    if (missing.length > 0) return;
    sending = true;
    const idle = busy(button, texts.sending);
    const outcome = await submitAnswers(ctx, answers, trap.input.value);
    idle();
    sending = false;
    // A 422 that names no item still says something is wrong.
    if (outcome.kind === 'invalid')
      showErrors(outcome.errors.length > 0 ? outcome.errors : [{ item: '', code: 'invalid' }]);
    else finish(form, status, finalText(ctx, outcome), outcome.kind === 'stored');
  });

  return h('div', { class: 'vf-questionnaire' }, form, status);
}
