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
  const fields: Record<string, string> = {};
  for (const e of error.problem.errors ?? []) {
    const field = fieldOf(e.item);
    // the server's detail is English: the reader's language where the code is a known one
    const message = t.errors.byFieldCode[e.code] ?? e.detail;
    fields[field] = fields[field] ? `${fields[field]} ${message}` : message;
  }
  const known = t.errors.byType[error.slug];
  const summary =
    known ?? (error.status >= 500 ? t.errors.unexpected : error.problem.title || t.errors.unexpected);
  const detail = error.problem.detail;
  return {
    summary,
    // the fields say what is wrong where; the detail only when no field is named
    ...(detail && Object.keys(fields).length === 0 && detail !== summary && detail !== error.problem.title
      ? { detail }
      : {}),
    fields,
  };
}

/** A client-side check's result, shaped as a server's. */
export function fieldErrors(fields: Record<string, string | undefined>, t: Messages): FormError | null {
  const present = Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return Object.keys(present).length === 0 ? null : { summary: t.errors.summaryTitle, fields: present };
}
