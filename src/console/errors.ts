/**
 * What a failed call means to the reader: a localized summary, the server's detail, and the
 * messages of the fields it names, for the error summary (components/ErrorSummary.tsx).
 */
import { ApiError, NETWORK_PROBLEM_TYPE } from './api.js';
import type { Messages } from './i18n/it.js';

export interface FormError {
  /** The headline: what went wrong, in the reader's language. */
  readonly summary: string;
  /** The server's own explanation, when it adds something. */
  readonly detail?: string;
  /** Messages by field id (the server's `item`, first segment: `channels.0` → `channels`). */
  readonly fields: Readonly<Record<string, string>>;
  /**
   * The language of a text that is the server's own (its English title, detail or a field's
   * message the catalogue has no words for), shown with `lang` (WCAG 3.1.2). A field listed
   * has that language throughout; a field whose message mixes the reader's and the server's
   * words is not listed.
   */
  readonly lang?: {
    readonly summary?: string;
    readonly detail?: string;
    readonly fields?: Readonly<Record<string, string>>;
  };
}

/** The language of the server's own texts (problem titles and details, field details). */
export const SERVER_LANG = 'en';

/**
 * Joins the messages of one field (in the order given, without repeats): the text, and its
 * language when every part is in the same one that is not the reader's (`undefined` parts are).
 */
export function joinMessages(parts: readonly { text: string; lang?: string }[]): {
  text: string;
  lang?: string;
} {
  const unique = parts.filter((part, i) => parts.findIndex((p) => p.text === part.text) === i);
  const text = unique.map((part) => part.text).join(' ');
  const lang = unique[0]?.lang;
  return lang !== undefined && unique.every((part) => part.lang === lang) ? { text, lang } : { text };
}

/** The field id an item names: `/rtdEmail`, `body.rtdEmail` and `rtdEmail.x` all name `rtdEmail`. */
export function fieldOf(item: string): string {
  const parts = item
    .replace(/^\//, '')
    .replace(/^body[./]/, '')
    .split(/[./]/);
  return parts[0] ?? item;
}

export function describeError(error: unknown, t: Messages): FormError {
  if (!(error instanceof ApiError)) return { summary: t.errors.unexpected, fields: {} };
  if (error.problem.type === NETWORK_PROBLEM_TYPE) return { summary: t.errors.network, fields: {} };
  const parts: Record<string, { text: string; lang?: string }[]> = {};
  for (const e of error.problem.errors ?? []) {
    const field = fieldOf(e.item);
    // the server's detail is English: the reader's language where the code is a known one
    const known = t.errors.byFieldCode[e.code];
    (parts[field] ??= []).push(known === undefined ? { text: e.detail, lang: SERVER_LANG } : { text: known });
  }
  const fields: Record<string, string> = {};
  const fieldLangs: Record<string, string> = {};
  for (const [field, messages] of Object.entries(parts)) {
    const joined = joinMessages(messages);
    fields[field] = joined.text;
    if (joined.lang) fieldLangs[field] = joined.lang;
  }
  const known = t.errors.byType[error.slug];
  const title = known === undefined && error.status < 500 ? error.problem.title : '';
  const summary = known ?? (title || t.errors.unexpected);
  const detail = error.problem.detail;
  // the fields say what is wrong where; the detail only when no field is named
  const showDetail =
    detail && Object.keys(fields).length === 0 && detail !== summary && detail !== error.problem.title;
  const lang = {
    ...(title ? { summary: SERVER_LANG } : {}),
    ...(showDetail ? { detail: SERVER_LANG } : {}),
    ...(Object.keys(fieldLangs).length > 0 ? { fields: fieldLangs } : {}),
  };
  return {
    summary,
    ...(showDetail ? { detail } : {}),
    fields,
    ...(Object.keys(lang).length > 0 ? { lang } : {}),
  };
}

/** A client-side check's result, shaped as a server's. */
export function fieldErrors(fields: Record<string, string | undefined>, t: Messages): FormError | null {
  const present = Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return Object.keys(present).length === 0 ? null : { summary: t.errors.summaryTitle, fields: present };
}
