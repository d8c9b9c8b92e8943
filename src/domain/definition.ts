import type { FieldError } from './errors.js';
import {
  isPointItem,
  ITEM_TYPES,
  LANGS,
  type Condition,
  type Item,
  type LocalizedText,
  type QuestionnaireDefinition,
} from './questionnaire.js';

const ITEM_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const OPTION_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FAMILY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ORDER_OPERATORS = new Set(['lt', 'lte', 'gt', 'gte']);

type Problems = FieldError[];

const problem = (problems: Problems, item: string, code: string, detail: string) =>
  problems.push({ item, code, detail });

function checkText(problems: Problems, where: string, text: LocalizedText | undefined, required = true) {
  if (text === undefined) {
    if (required) problem(problems, where, 'missing-text', `${where} needs an Italian text`);
    return;
  }
  if (typeof text !== 'object' || text === null || typeof text.it !== 'string' || text.it.trim() === '') {
    problem(problems, where, 'missing-text', `${where} needs a non-empty Italian text ("it")`);
    return;
  }
  for (const [lang, value] of Object.entries(text)) {
    if (!(LANGS as readonly string[]).includes(lang))
      problem(
        problems,
        where,
        'unknown-language',
        `${where} has a text in "${lang}"; languages are ${LANGS.join(', ')}`,
      );
    else if (typeof value !== 'string' || value.trim() === '')
      problem(problems, where, 'missing-text', `${where} has an empty "${lang}" text`);
  }
}

function checkChoices(problems: Problems, item: Item) {
  const where = item.code;
  if (isPointItem(item)) {
    const values = item.points.map((p) => p.value);
    const consecutive = values.every((v, i) => v === i + 1);
    if (values.length < 2 || !consecutive)
      problem(problems, where, 'invalid-points', `${where} points must be coded 1, 2, … K with K ≥ 2`);
    item.points.forEach((p, i) => checkText(problems, `${where} point ${i + 1}`, p.label));
    for (const v of item.positive)
      if (!values.includes(v))
        problem(problems, where, 'invalid-positive', `${where} positive value ${v} is not one of its points`);
  } else if (item.type === 'single' || item.type === 'multiple') {
    const values = item.options.map((o) => o.value);
    if (values.length < 2) problem(problems, where, 'invalid-options', `${where} needs at least two options`);
    if (new Set(values).size !== values.length)
      problem(problems, where, 'duplicate-option', `${where} has two options with the same code`);
    for (const o of item.options) {
      if (typeof o.value !== 'string' || !OPTION_CODE.test(o.value))
        problem(
          problems,
          where,
          'invalid-option-code',
          `${where} option "${String(o.value)}" must be a lower-case code such as "yes-partly"`,
        );
      checkText(problems, `${where} option ${String(o.value)}`, o.label);
    }
    if (item.type === 'single')
      for (const v of item.positive ?? [])
        if (!values.includes(v))
          problem(
            problems,
            where,
            'invalid-positive',
            `${where} positive option "${v}" is not one of its options`,
          );
  } else if (!Number.isInteger(item.maxLength) || item.maxLength < 1 || item.maxLength > 5000) {
    problem(
      problems,
      where,
      'invalid-max-length',
      `${where} maxLength must be a whole number from 1 to 5000`,
    );
  }
}

/** A comparison must name an earlier item and a value that item can take, with an operator it supports. */
function checkCondition(
  problems: Problems,
  owner: string,
  condition: Condition,
  earlier: ReadonlyMap<string, Item>,
) {
  // (definitions come from the editor too: anything may be here)
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    problem(problems, owner, 'invalid-condition', `${owner} has a condition that is not an object`);
    return;
  }
  if ('all' in condition || 'any' in condition) {
    const parts = 'all' in condition ? condition.all : condition.any;
    if (!Array.isArray(parts) || parts.length === 0)
      problem(problems, owner, 'invalid-condition', `${owner} has an empty all/any condition`);
    else for (const part of parts) checkCondition(problems, owner, part, earlier);
    return;
  }
  const target = earlier.get(condition.item);
  if (target === undefined) {
    problem(
      problems,
      owner,
      'condition-not-earlier',
      `${owner} depends on "${condition.item}", which is not an earlier item of this questionnaire`,
    );
    return;
  }
  const { op, value } = condition;
  const fits = isPointItem(target)
    ? ['eq', 'ne', ...ORDER_OPERATORS].includes(op) && target.points.some((p) => p.value === value)
    : target.type === 'single'
      ? (op === 'eq' || op === 'ne') && target.options.some((o) => o.value === value)
      : target.type === 'multiple'
        ? op === 'includes' && target.options.some((o) => o.value === value)
        : false;
  if (!fits)
    problem(
      problems,
      owner,
      'invalid-condition',
      `${owner} compares ${condition.item} (${target.type}) with "${op} ${String(value)}", which that item cannot answer`,
    );
}

/**
 * Checks a questionnaire definition before it can be published: family and version, texts with
 * Italian, unique item codes, points and options consistent, conditions that reference earlier
 * items only. Returns every problem found (empty when the definition is sound).
 *
 * @example validateDefinition(cxDispositivoV1) // → []
 */
export function validateDefinition(definition: QuestionnaireDefinition): FieldError[] {
  const problems: Problems = [];
  if (typeof definition.family !== 'string' || !FAMILY.test(definition.family))
    problem(
      problems,
      'family',
      'invalid-family',
      'family must be a lower-case code such as "cx-dispositivo"',
    );
  if (!Number.isInteger(definition.version) || definition.version < 1)
    problem(problems, 'version', 'invalid-version', 'version must be a whole number ≥ 1');
  checkText(problems, 'title', definition.title);
  checkText(problems, 'intro', definition.intro, false);
  checkText(problems, 'closing', definition.closing);
  if (!Array.isArray(definition.items) || definition.items.length === 0) {
    problem(problems, 'items', 'no-items', 'a questionnaire needs at least one item');
    return problems;
  }
  const earlier = new Map<string, Item>();
  for (const item of definition.items) {
    const code = String(item.code);
    if (!ITEM_CODE.test(code))
      problem(
        problems,
        code,
        'invalid-item-code',
        `item code "${code}" must be upper case, such as "SAT_OVERALL"`,
      );
    if (earlier.has(code)) problem(problems, code, 'duplicate-item', `two items have the code ${code}`);
    if (!(ITEM_TYPES as readonly string[]).includes(item.type)) {
      problem(problems, code, 'unknown-type', `${code} has the unknown type "${String(item.type)}"`);
      continue;
    }
    if (typeof item.required !== 'boolean')
      problem(problems, code, 'invalid-required', `${code} must say whether it is required (true or false)`);
    checkText(problems, `${code} question`, item.question);
    checkText(problems, `${code} hint`, item.hint, false);
    checkChoices(problems, item);
    if (item.showWhen !== undefined) checkCondition(problems, code, item.showWhen, earlier);
    earlier.set(code, item);
  }
  return problems;
}
