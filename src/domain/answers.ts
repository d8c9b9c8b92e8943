import { holds } from './conditions.js';
import type { FieldError } from './errors.js';
import { isBlank, ITEM_TYPE_SPECS, type Parsed } from './item-types.js';
import type { Answers, AnswerValue, Item, QuestionnaireDefinition } from './questionnaire.js';

export type AnswersValidation =
  | { readonly ok: true; readonly answers: Answers }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

function parseItem(item: Item, raw: unknown): Parsed {
  // The registry is keyed by type; TypeScript cannot correlate the union, so narrow once here.
  const spec = ITEM_TYPE_SPECS[item.type] as { parse: (item: Item, raw: unknown) => Parsed };
  return spec.parse(item, raw);
}

/**
 * Validates an answer set against a questionnaire version: unknown items, required items,
 * values, options, lengths, and routing (an answer to an item that was not shown is refused).
 *
 * @example validateAnswers(cxDispositivoV1, { SAT_OVERALL: 4, EASE: 3, EFFECTIVENESS: 'yes-fully', INFO_CLARITY: 4 })
 */
export function validateAnswers(definition: QuestionnaireDefinition, raw: unknown): AnswersValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [
        { item: 'answers', code: 'invalid-type', detail: 'answers must be an object keyed by item code' },
      ],
    };
  }
  const given = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  const known = new Set(definition.items.map((i) => i.code));
  for (const code of Object.keys(given)) {
    if (!known.has(code))
      errors.push({
        item: code,
        code: 'unknown-item',
        detail: `${code} is not an item of this questionnaire`,
      });
  }
  const answers: Record<string, AnswerValue> = {};
  for (const item of definition.items) {
    const value = Object.hasOwn(given, item.code) ? given[item.code] : undefined;
    const shown = holds(item.showWhen, answers);
    if (isBlank(value)) {
      if (shown && item.required)
        errors.push({ item: item.code, code: 'required', detail: `${item.code} is required` });
      continue;
    }
    if (!shown) {
      errors.push({
        item: item.code,
        code: 'not-shown',
        detail: `${item.code} is not asked given the earlier answers`,
      });
      continue;
    }
    const parsed = parseItem(item, value);
    if ('error' in parsed)
      errors.push({ item: item.code, code: parsed.error, detail: `${item.code} ${parsed.detail}` });
    else if (!isBlank(parsed.value)) answers[item.code] = parsed.value;
    else if (item.required)
      errors.push({ item: item.code, code: 'required', detail: `${item.code} is required` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}
