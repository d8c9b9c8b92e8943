/**
 * What changed between two versions of a questionnaire, item by item (by item code, the stable
 * key of comparability): items added, removed, and changed with the fields that differ.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Item, QuestionnaireDefinition } from './questionnaire.js';

export interface ItemChange {
  readonly code: string;
  /** The fields of the item that differ: `type`, `label`, `options`, `required`, … */
  readonly fields: readonly string[];
}

export interface QuestionnaireDiff {
  readonly from: number;
  readonly to: number;
  /** Fields of the questionnaire itself that differ: `title`, `intro`, `closing`. */
  readonly questionnaire: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ItemChange[];
  /** Items in both, in another order. */
  readonly reordered: boolean;
}

function differingFields<T extends object>(a: T, b: T, keys?: readonly (keyof T)[]): string[] {
  const all = keys ?? ([...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof T)[]);
  return all
    .filter((k) => !isDeepStrictEqual(a[k], b[k]))
    .map(String)
    .sort();
}

/**
 * @example diffQuestionnaires(v1, v2) // { added: ['TRUST'], changed: [{ code: 'EASE', fields: ['label'] }], … }
 */
export function diffQuestionnaires(
  a: QuestionnaireDefinition,
  b: QuestionnaireDefinition,
): QuestionnaireDiff {
  const before = new Map(a.items.map((i) => [i.code, i]));
  const after = new Map(b.items.map((i) => [i.code, i]));
  const common = a.items.map((i) => i.code).filter((c) => after.has(c));
  return {
    from: a.version,
    to: b.version,
    questionnaire: differingFields(a, b, ['title', 'intro', 'closing']),
    added: b.items.map((i) => i.code).filter((c) => !before.has(c)),
    removed: a.items.map((i) => i.code).filter((c) => !after.has(c)),
    changed: common.flatMap((code) => {
      const fields = differingFields<Item>(before.get(code)!, after.get(code)!);
      return fields.length > 0 ? [{ code, fields }] : [];
    }),
    reordered: !isDeepStrictEqual(
      common,
      b.items.map((i) => i.code).filter((c) => before.has(c)),
    ),
  };
}
