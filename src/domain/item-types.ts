import type { AnswerValue, Item, ItemType } from './questionnaire.js';

export type Parsed = { readonly value: AnswerValue } | { readonly error: string; readonly detail: string };

/** What the platform knows about one item type: how to read an answer from JSON and from a form. */
interface ItemTypeSpec<I extends Item> {
  /** Validates a present (non-empty) JSON answer. */
  readonly parse: (item: I, raw: unknown) => Parsed;
  /** Converts HTML form field values (always strings) to the JSON answer shape. */
  readonly fromForm: (fieldValues: readonly string[]) => unknown;
}

type Registry = { readonly [K in ItemType]: ItemTypeSpec<Extract<Item, { type: K }>> };

// Control characters other than tab and newlines never belong in an answer.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// A lone UTF-16 surrogate is not text: no database can store it.
const LONE_SURROGATE = /\p{Cs}/u;

function parsePoint(item: Extract<Item, { type: 'scale' | 'rating' }>, raw: unknown): Parsed {
  if (typeof raw === 'number' && item.points.some((p) => p.value === raw)) return { value: raw };
  const values = item.points.map((p) => p.value);
  return { error: 'invalid-value', detail: `must be one of the integers ${values.join(', ')}` };
}

function firstAsInteger(fieldValues: readonly string[]): unknown {
  const [first] = fieldValues;
  if (first === undefined || first === '') return undefined;
  return /^\d{1,3}$/.test(first) ? Number(first) : first;
}

/** Exhaustive registry of item types; adding a type to ITEM_TYPES fails to compile until it is here. */
export const ITEM_TYPE_SPECS: Registry = {
  scale: { parse: parsePoint, fromForm: firstAsInteger },
  rating: { parse: parsePoint, fromForm: firstAsInteger },
  single: {
    parse: (item, raw) =>
      typeof raw === 'string' && item.options.some((o) => o.value === raw)
        ? { value: raw }
        : {
            error: 'invalid-option',
            detail: `must be one of ${item.options.map((o) => o.value).join(', ')}`,
          },
    fromForm: (fieldValues) => fieldValues[0],
  },
  multiple: {
    parse: (item, raw) => {
      const allowed = item.options.map((o) => o.value);
      if (
        Array.isArray(raw) &&
        raw.every((v) => typeof v === 'string' && allowed.includes(v)) &&
        new Set(raw).size === raw.length
      ) {
        // Stored in definition order so equal choices always look the same.
        return { value: allowed.filter((v) => raw.includes(v)) };
      }
      return {
        error: 'invalid-option',
        detail: `must be a list of distinct codes among ${allowed.join(', ')}`,
      };
    },
    fromForm: (fieldValues) => [...fieldValues],
  },
  text: {
    parse: (item, raw) => {
      if (typeof raw !== 'string' || LONE_SURROGATE.test(raw)) {
        return { error: 'invalid-value', detail: 'must be a string of well-formed Unicode text' };
      }
      const text = raw.normalize('NFC').replace(CONTROL_CHARACTERS, '').trim();
      const length = [...text].length;
      if (length > item.maxLength) {
        return {
          error: 'too-long',
          detail: `must be at most ${item.maxLength} characters (it has ${length})`,
        };
      }
      return { value: text };
    },
    fromForm: (fieldValues) => fieldValues[0],
  },
};

/** Whether a raw answer counts as "not answered". */
export function isBlank(raw: unknown): boolean {
  return (
    raw === undefined ||
    raw === null ||
    (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}
