import type { ComparisonOperator, Condition } from './questionnaire.js';

/** Answers as far as routing is concerned: validated, or still raw from a form. */
type GivenAnswers = Readonly<Record<string, unknown>>;

/** Whether `condition` holds on `answers`; a comparison with an unanswered item is false. */
export function holds(condition: Condition | undefined, answers: GivenAnswers): boolean {
  if (condition === undefined) return true;
  if ('all' in condition) return condition.all.every((c) => holds(c, answers));
  if ('any' in condition) return condition.any.some((c) => holds(c, answers));
  const answer = answers[condition.item];
  return answer !== undefined && compare(answer, condition.op, condition.value);
}

function compare(answer: unknown, op: ComparisonOperator, expected: number | string): boolean {
  if (Array.isArray(answer)) return op === 'includes' && answer.includes(expected);
  switch (op) {
    case 'eq':
      return answer === expected;
    case 'ne':
      return answer !== expected;
    case 'includes':
      return false;
    case 'lt':
      return typeof answer === 'number' && typeof expected === 'number' && answer < expected;
    case 'lte':
      return typeof answer === 'number' && typeof expected === 'number' && answer <= expected;
    case 'gt':
      return typeof answer === 'number' && typeof expected === 'number' && answer > expected;
    case 'gte':
      return typeof answer === 'number' && typeof expected === 'number' && answer >= expected;
  }
}

/** The items shown given `answers`, in questionnaire order (routing re-evaluated from the answers). */
export function shownItems<I extends { readonly showWhen?: Condition }>(
  items: readonly I[],
  answers: GivenAnswers,
): I[] {
  return items.filter((item) => holds(item.showWhen, answers));
}
