/**
 * The questionnaire editor's model: a definition as the form edits it (every text in it/en/de,
 * empty where absent) and back, and the validator's faults as the fields they name. The fields
 * the editor does not show (conditions, positive values, point codes) are kept as they were.
 */
import type { FieldProblem } from './api.js';
import type {
  ChoiceOption,
  Condition,
  Item,
  ItemType,
  Lang,
  LocalizedText,
  QuestionnaireDefinition,
  ScalePoint,
} from '../domain/questionnaire.js';

export type { ItemType, Lang };

/** The languages of a text, in the order the form shows them. */
export const TEXT_LANGS = ['it', 'en', 'de'] as const satisfies readonly Lang[];

export type Texts = Record<Lang, string>;

/** A point of a scale (value 1..K) or an option of a choice (a code). */
export interface FormChoice {
  readonly value: string | number;
  readonly label: Texts;
}

export interface FormItem {
  /** The item as it was (conditions, positive values…), overwritten by the fields below. */
  readonly base: Item;
  readonly code: string;
  readonly type: ItemType;
  readonly required: boolean;
  readonly question: Texts;
  readonly hint: Texts;
  /** Points of a scale or rating, options of a choice, none for text. */
  readonly choices: readonly FormChoice[];
  /** For a text item; a string while typed. */
  readonly maxLength: string;
}

export interface FormDefinition {
  readonly base: QuestionnaireDefinition;
  readonly title: Texts;
  readonly intro: Texts;
  readonly closing: Texts;
  readonly items: readonly FormItem[];
}

/** Item codes and option codes, as the validator (domain/definition.ts) takes them. */
export const ITEM_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
export const OPTION_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** The API's limits (http/schemas.ts DefinitionBody). */
export const MAX_ITEMS = 40;
export const MAX_OPTIONS = 30;
export const MAX_LENGTH = {
  title: 200,
  intro: 2000,
  closing: 2000,
  question: 500,
  hint: 1000,
  point: 100,
  option: 200,
  code: 64,
} as const;

const textsOf = (text: LocalizedText | undefined): Texts => ({
  it: text?.it ?? '',
  en: text?.en ?? '',
  de: text?.de ?? '',
});

/** Italian always (the validator names it when empty); another language only when written. */
function textOf(texts: Texts): LocalizedText {
  return {
    it: texts.it,
    ...(texts.en.trim() !== '' ? { en: texts.en } : {}),
    ...(texts.de.trim() !== '' ? { de: texts.de } : {}),
  };
}

/** An optional text (hint, intro) left out when no language has one. */
const optionalTextOf = (texts: Texts): LocalizedText | undefined =>
  TEXT_LANGS.some((lang) => texts[lang].trim() !== '') ? textOf(texts) : undefined;

export function isChoiceType(type: ItemType): type is 'single' | 'multiple' {
  return type === 'single' || type === 'multiple';
}

export function isPointType(type: ItemType): type is 'scale' | 'rating' {
  return type === 'scale' || type === 'rating';
}

function itemToForm(item: Item): FormItem {
  const choices: readonly (ScalePoint | ChoiceOption)[] =
    item.type === 'scale' || item.type === 'rating'
      ? item.points
      : item.type === 'single' || item.type === 'multiple'
        ? item.options
        : [];
  return {
    base: item,
    code: item.code,
    type: item.type,
    required: item.required,
    question: textsOf(item.question),
    hint: textsOf(item.hint),
    choices: choices.map((c) => ({ value: c.value, label: textsOf(c.label) })),
    maxLength: item.type === 'text' ? String(item.maxLength) : '',
  };
}

export function toForm(definition: QuestionnaireDefinition): FormDefinition {
  return {
    base: definition,
    title: textsOf(definition.title),
    intro: textsOf(definition.intro),
    closing: textsOf(definition.closing),
    items: definition.items.map(itemToForm),
  };
}

function itemOf(form: FormItem): Item {
  // The editor's fields replace the item's; what it does not show (showWhen, positive) stays.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { hint: _hint, ...base } = form.base as Item & { hint?: LocalizedText };
  const hint = optionalTextOf(form.hint);
  const common = {
    ...base,
    code: form.code,
    required: form.required,
    question: textOf(form.question),
    ...(hint ? { hint } : {}),
  };
  const labelled = form.choices.map((c) => ({ value: c.value, label: textOf(c.label) }));
  switch (form.type) {
    case 'scale':
    case 'rating':
      return { ...common, type: form.type, points: labelled as ScalePoint[] } as Item;
    case 'single':
    case 'multiple':
      return { ...common, type: form.type, options: labelled as ChoiceOption[] } as Item;
    case 'text': {
      const maxLength = Number(form.maxLength);
      return { ...common, type: 'text', maxLength: form.maxLength.trim() === '' ? NaN : maxLength } as Item;
    }
  }
}

/** The definition the form describes, as PUT takes it. */
export function toDefinition(form: FormDefinition): QuestionnaireDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { intro: _intro, ...base } = form.base;
  const intro = optionalTextOf(form.intro);
  return {
    ...base,
    title: textOf(form.title),
    ...(intro ? { intro } : {}),
    closing: textOf(form.closing),
    items: form.items.map(itemOf),
  };
}

/** Whether two forms describe the same definition (key order aside: both are built here). */
export function sameDefinition(a: FormDefinition, b: FormDefinition): boolean {
  return JSON.stringify(toDefinition(a)) === JSON.stringify(toDefinition(b));
}

const FOUR_POINTS: readonly Texts[] = [
  { it: 'Non soddisfacente', en: 'Not satisfactory', de: 'Nicht zufriedenstellend' },
  { it: 'Poco soddisfacente', en: 'Slightly satisfactory', de: 'Wenig zufriedenstellend' },
  { it: 'Soddisfacente', en: 'Satisfactory', de: 'Zufriedenstellend' },
  { it: 'Molto soddisfacente', en: 'Very satisfactory', de: 'Sehr zufriedenstellend' },
];
const STARS: readonly Texts[] = [1, 2, 3, 4, 5].map((n) => ({
  it: n === 1 ? '1 stella' : `${n} stelle`,
  en: n === 1 ? '1 star' : `${n} stars`,
  de: n === 1 ? '1 Stern' : `${n} Sterne`,
}));
const EMPTY: Texts = { it: '', en: '', de: '' };

/**
 * A new item of `type`, as the validator accepts it once its question is written: a scale gets
 * the national four-point satisfaction scale (top two positive), a rating five stars (four and
 * five positive), a choice two options to name, a text 500 characters.
 */
export function newItem(code: string, type: ItemType): FormItem {
  const points = (labels: readonly Texts[]) => labels.map((label, i) => ({ value: i + 1, label }));
  const choices: FormChoice[] =
    type === 'scale'
      ? points(FOUR_POINTS)
      : type === 'rating'
        ? points(STARS)
        : isChoiceType(type)
          ? [
              { value: 'option-1', label: EMPTY },
              { value: 'option-2', label: EMPTY },
            ]
          : [];
  const positive = type === 'scale' ? [3, 4] : type === 'rating' ? [4, 5] : undefined;
  const base = {
    code,
    type,
    required: false,
    question: { it: '' },
    ...(positive ? { positive } : {}),
  } as unknown as Item;
  return {
    base,
    code,
    type,
    required: false,
    question: EMPTY,
    hint: EMPTY,
    choices,
    maxLength: type === 'text' ? '500' : '',
  };
}

/** A code for one more option of a choice: option-3, option-4, … (the first not taken). */
export function nextOptionCode(choices: readonly FormChoice[]): string {
  const taken = new Set(choices.map((c) => String(c.value)));
  let n = choices.length + 1;
  while (taken.has(`option-${n}`)) n += 1;
  return `option-${n}`;
}

// ---- Field ids: the error summary links to them, so they are stable and valid in a URL. ----

const safe = (value: string | number) => String(value).replace(/[^a-zA-Z0-9_-]/g, '-');

export const fieldId = {
  text: (part: 'title' | 'intro' | 'closing', lang: Lang) => `${part}-${lang}`,
  item: (code: string) => `item-${safe(code)}`,
  itemText: (code: string, part: 'question' | 'hint', lang: Lang) => `item-${safe(code)}-${part}-${lang}`,
  choice: (code: string, index: number, lang: Lang) => `item-${safe(code)}-choice-${index}-${lang}`,
  choiceCode: (code: string, index: number) => `item-${safe(code)}-choice-${index}-code`,
  required: (code: string) => `item-${safe(code)}-required`,
  maxLength: (code: string) => `item-${safe(code)}-max-length`,
};

/** The field of the definition a fault names, as far as the form has one. */
export interface FaultTarget {
  /** The id of the field (or the item's fieldset) to link to. */
  readonly field: string;
  /** Which part of the form: a questionnaire text, or an item's question, hint, option… */
  readonly part:
    | { readonly kind: 'text'; readonly name: 'title' | 'intro' | 'closing'; readonly lang: Lang }
    | {
        readonly kind: 'item';
        readonly code: string;
        readonly what: 'question' | 'hint' | 'choice' | 'code' | 'item' | 'maxLength';
        readonly lang?: Lang;
        readonly choice?: number;
      }
    | { readonly kind: 'form' };
}

/** The language a fault's detail names (`has an empty "en" text`), Italian otherwise. */
function langOf(detail: string): Lang {
  const named = /"(it|en|de)"/.exec(detail)?.[1];
  return (named as Lang | undefined) ?? 'it';
}

/**
 * Where a fault of the validator points: its `item` is `title`, `intro`, `closing`, an item's
 * code, `{CODE} question`, `{CODE} hint`, `{CODE} point {n}` or `{CODE} option {value}`; the
 * schema's (400) are paths such as `definition.items.2.question.en`.
 */
export function faultTarget(fault: FieldProblem, form: FormDefinition): FaultTarget {
  const form_ = { field: 'items-title', part: { kind: 'form' } } as const;
  const item = fault.item;
  const path = /^\/?(?:body[./])?definition[./](.+)$/.exec(item)?.[1];
  if (path !== undefined) return pathTarget(path.split(/[./]/), form) ?? form_;
  const text = /^(title|intro|closing)$/.exec(item)?.[1] as 'title' | 'intro' | 'closing' | undefined;
  if (text) {
    const lang = langOf(fault.detail);
    return { field: fieldId.text(text, lang), part: { kind: 'text', name: text, lang } };
  }
  const [code = '', ...rest] = item.split(' ');
  const formItem = form.items.find((i) => i.code === code);
  if (!formItem) return form_;
  const what = rest[0];
  if (what === 'question' || what === 'hint') {
    const lang = langOf(fault.detail);
    return {
      field: fieldId.itemText(code, what, lang),
      part: { kind: 'item', code, what, lang },
    };
  }
  if (what === 'point' || what === 'option') {
    const value = rest.slice(1).join(' ');
    const index = formItem.choices.findIndex((c) => String(c.value) === value);
    const choice = index >= 0 ? index : what === 'point' ? Number(value) - 1 : -1;
    if (choice >= 0 && choice < formItem.choices.length) {
      const lang = langOf(fault.detail);
      return {
        field: fieldId.choice(code, choice, lang),
        part: { kind: 'item', code, what: 'choice', lang, choice },
      };
    }
  }
  if (fault.code === 'invalid-max-length')
    return { field: fieldId.maxLength(code), part: { kind: 'item', code, what: 'maxLength' } };
  if (fault.code === 'invalid-option-code') {
    const value = /option "([^"]*)"/.exec(fault.detail)?.[1];
    const index = formItem.choices.findIndex((c) => String(c.value) === value);
    if (index >= 0)
      return {
        field: fieldId.choiceCode(code, index),
        part: { kind: 'item', code, what: 'code', choice: index },
      };
  }
  return { field: fieldId.item(code), part: { kind: 'item', code, what: 'item' } };
}

function pathTarget(parts: readonly string[], form: FormDefinition): FaultTarget | null {
  const [head, ...rest] = parts;
  const isLang = (value: string | undefined): value is Lang => TEXT_LANGS.includes(value as Lang);
  if (head === 'title' || head === 'intro' || head === 'closing') {
    const lang = isLang(rest[0]) ? rest[0] : 'it';
    return { field: fieldId.text(head, lang), part: { kind: 'text', name: head, lang } };
  }
  if (head !== 'items') return null;
  const item = form.items[Number(rest[0])];
  if (!item) return null;
  const code = item.code;
  const [field, index, sub, lang] = rest.slice(1);
  if ((field === 'question' || field === 'hint') && isLang(index))
    return {
      field: fieldId.itemText(code, field, index),
      part: { kind: 'item', code, what: field, lang: index },
    };
  if ((field === 'points' || field === 'options') && index !== undefined) {
    const choice = Number(index);
    if (sub === 'label' && isLang(lang))
      return {
        field: fieldId.choice(code, choice, lang),
        part: { kind: 'item', code, what: 'choice', lang, choice },
      };
    if (sub === 'value')
      return { field: fieldId.choiceCode(code, choice), part: { kind: 'item', code, what: 'code', choice } };
  }
  if (field === 'maxLength')
    return { field: fieldId.maxLength(code), part: { kind: 'item', code, what: 'maxLength' } };
  return { field: fieldId.item(code), part: { kind: 'item', code, what: 'item' } };
}

/** A condition in words' bones: `SAT_OVERALL ≤ 2`, joined by the reader's "and" / "or". */
export function conditionText(
  condition: Condition,
  words: { and: string; or: string; includes: string },
): string {
  const part = (c: Condition) =>
    'all' in c || 'any' in c ? `(${conditionText(c, words)})` : conditionText(c, words);
  if ('all' in condition) return condition.all.map(part).join(` ${words.and} `);
  if ('any' in condition) return condition.any.map(part).join(` ${words.or} `);
  const op = {
    eq: '=',
    ne: '≠',
    lt: '<',
    lte: '≤',
    gt: '>',
    gte: '≥',
    includes: words.includes,
  }[condition.op];
  return `${condition.item} ${op} ${String(condition.value)}`;
}
