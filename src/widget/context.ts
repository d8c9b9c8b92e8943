import type { AnswerValue, LocalizedText, QuestionnaireDefinition } from '../domain/questionnaire.js';
import { h } from './dom.js';
import type { Lang, Texts } from './messages.js';
import { sendResponse, type Outcome } from './submit.js';

/** The questionnaire as the public API serves it. */
export type Questionnaire = QuestionnaireDefinition & { readonly id: string; readonly publishedAt: string };

/** What every part of one widget instance needs to know. */
export interface Context {
  readonly platform: string;
  readonly slug: string;
  readonly lang: Lang;
  readonly texts: Texts;
  readonly channel: string;
  readonly token: string | null;
  readonly questionnaire: Questionnaire;
  /** Prefix of the ids of this instance. */
  readonly prefix: string;
  /** Called when the questionnaire is first shown (the opening count). */
  readonly shown: () => void;
}

export const localized = (text: LocalizedText, lang: Lang) => text[lang] ?? text.it;

/** A trap for bots: hidden from people and assistive technology, never focused by Tab. */
export function honeypot(ctx: Context): { readonly root: HTMLElement; readonly input: HTMLInputElement } {
  const id = `${ctx.prefix}-website`;
  const input = h('input', {
    type: 'text',
    id,
    name: 'website',
    tabindex: -1,
    autocomplete: 'off',
    'aria-hidden': 'true',
  });
  const root = h(
    'div',
    { class: 'vf-hp', 'aria-hidden': 'true' },
    h('label', { for: id }, ctx.texts.honeypot),
    input,
  );
  return { root, input };
}

/** Sends the answers with a fresh submission id; the honeypot only when something filled it. */
export function submitAnswers(
  ctx: Context,
  answers: Readonly<Record<string, AnswerValue>>,
  trap: string,
): Promise<Outcome> {
  return sendResponse(`${ctx.platform}/api/v1/services/${encodeURIComponent(ctx.slug)}/responses`, {
    submissionId: newSubmissionId(),
    answers,
    channel: ctx.channel,
    lang: ctx.lang,
    ...(ctx.token ? { completionToken: ctx.token } : {}),
    ...(trap ? { honeypot: trap } : {}),
  });
}

/** What the citizen reads once the submission is over (not for `invalid`, which returns to the form). */
export function finalText(ctx: Context, outcome: Outcome): string {
  if (outcome.kind === 'stored') return localized(ctx.questionnaire.closing, ctx.lang);
  if (outcome.kind === 'queued') return ctx.texts.queued;
  if (outcome.kind === 'refused' && outcome.reason === 'token-used') return ctx.texts.tokenUsed;
  if (outcome.kind === 'refused' && outcome.reason === 'origin') return ctx.texts.originRefused;
  return ctx.texts.failed;
}

/** Shows `text` in the status region in place of the form, and moves the focus there. */
export function finish(form: HTMLElement, status: HTMLElement, text: string, success: boolean): void {
  form.hidden = true;
  status.replaceChildren(h('p', { class: success ? 'vf-done' : 'vf-notice' }, text));
  status.focus();
}

/** The submit button while a submission is in flight: it keeps its focus (no `disabled`). */
export function busy(button: HTMLButtonElement, label: string): () => void {
  const idle = button.textContent ?? '';
  button.textContent = label;
  button.setAttribute('aria-disabled', 'true');
  return () => {
    button.textContent = idle;
    button.removeAttribute('aria-disabled');
  };
}

/** A random submission id; `crypto.randomUUID` exists only on https pages, getRandomValues everywhere. */
function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
