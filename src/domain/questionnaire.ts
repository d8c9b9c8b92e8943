/**
 * Questionnaire definitions: the immutable data a published version is made of.
 * A definition is plain JSON (stored as JSONB) so that the same snapshot drives
 * validation, rendering, rollups and the public API.
 */

export const LANGS = ['it', 'en', 'de'] as const;
export type Lang = (typeof LANGS)[number];

/** Italian is required; the other languages fall back to it. */
export type LocalizedText = { readonly it: string } & { readonly [L in Exclude<Lang, 'it'>]?: string };

export const ITEM_TYPES = ['scale', 'rating', 'single', 'multiple', 'text'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** A point of a scale or rating, coded 1..K. */
export interface ScalePoint {
  readonly value: number;
  readonly label: LocalizedText;
}

/** An option of a single- or multiple-choice item, coded by a stable string. */
export interface ChoiceOption {
  readonly value: string;
  readonly label: LocalizedText;
}

export type ComparisonOperator = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'includes';

/** Routing as data: an item is shown when its condition holds on earlier answers. */
export type Condition =
  | { readonly item: string; readonly op: ComparisonOperator; readonly value: number | string }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

interface ItemBase {
  readonly code: string;
  readonly required: boolean;
  readonly question: LocalizedText;
  readonly hint?: LocalizedText;
  readonly showWhen?: Condition;
}

/** Labelled points (e.g. "Non soddisfacente" … "Molto soddisfacente"); `positive` are the top boxes. */
export interface ScaleItem extends ItemBase {
  readonly type: 'scale';
  readonly points: readonly ScalePoint[];
  readonly positive: readonly number[];
}

/** Stars 1..K; rendered as a star rating, summarised like a scale. */
export interface RatingItem extends ItemBase {
  readonly type: 'rating';
  readonly points: readonly ScalePoint[];
  readonly positive: readonly number[];
}

export interface SingleItem extends ItemBase {
  readonly type: 'single';
  readonly options: readonly ChoiceOption[];
  readonly positive?: readonly string[];
}

export interface MultipleItem extends ItemBase {
  readonly type: 'multiple';
  readonly options: readonly ChoiceOption[];
}

/** Free text; always redacted of personal data before it is stored. */
export interface TextItem extends ItemBase {
  readonly type: 'text';
  readonly maxLength: number;
}

export type Item = ScaleItem | RatingItem | SingleItem | MultipleItem | TextItem;
export type PointItem = ScaleItem | RatingItem;

export interface QuestionnaireDefinition {
  readonly family: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly intro?: LocalizedText;
  readonly closing: LocalizedText;
  readonly items: readonly Item[];
}

/** A validated answer: a point value, an option code, a list of option codes, or text. */
export type AnswerValue = number | string | readonly string[];
export type Answers = Readonly<Record<string, AnswerValue>>;

/** The text in `lang`, falling back to Italian. */
export function localize(text: LocalizedText, lang: Lang): string {
  return text[lang] ?? text.it;
}

export function isPointItem(item: Item): item is PointItem {
  return item.type === 'scale' || item.type === 'rating';
}
