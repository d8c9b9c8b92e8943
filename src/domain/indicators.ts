/**
 * The cross-family indicators: each is the share of positive answers to one item, and the item
 * differs by questionnaire family (docs/statistics.md, "Indicators across families"). Also the
 * correspondence of the standard families' items with the customer-experience drivers of OMB
 * Circular A-11 §280, for international comparison only (docs/statistics.md, "OMB A-11 drivers").
 */
import type { Item, QuestionnaireDefinition } from './questionnaire.js';
import type { IndicatorCode } from './results-view.js';

/**
 * The item codes that carry each indicator, in the order they are looked for: the `cx-*` item
 * first, then the Designers Italia one. Satisfaction and effectiveness have no Designers Italia item.
 */
export const INDICATOR_ITEMS: Readonly<Record<IndicatorCode, readonly string[]>> = {
  satisfaction: ['SAT_OVERALL'],
  ease: ['EASE', 'EASE_5'],
  effectiveness: ['EFFECTIVENESS'],
  clarity: ['INFO_CLARITY', 'CLARITY_5'],
};

/** The item of `definition` that carries indicator `code`, with its positive values; undefined if none. */
export function indicatorItem(
  definition: QuestionnaireDefinition,
  code: IndicatorCode,
): { item: Item; positive: readonly (number | string)[] } | undefined {
  for (const itemCode of INDICATOR_ITEMS[code]) {
    const item = definition.items.find((candidate) => candidate.code === itemCode);
    if (item === undefined) continue;
    // The positive values are the item's own: the top boxes of a scale or rating, the declared
    // options of a single choice. An item that declares none cannot carry a share.
    const positive = 'positive' in item ? item.positive : undefined;
    return positive !== undefined && positive.length > 0 ? { item, positive } : undefined;
  }
  return undefined;
}

/**
 * The overall item of a questionnaire: its satisfaction item, else its first scale or rating (the
 * Designers Italia families open on theirs). Suggestions can be filtered by the answer to it.
 */
export function overallItem(definition: QuestionnaireDefinition): Item | undefined {
  return (
    indicatorItem(definition, 'satisfaction')?.item ??
    definition.items.find((i) => i.type === 'scale' || i.type === 'rating')
  );
}

/**
 * The CX drivers of OMB Circular A-11 §280's post-transaction questions (satisfaction,
 * trust/confidence, effectiveness/quality, ease/simplicity, efficiency/speed). The names are
 * those of the Circular's driver list; the Circular's own text was not available to check them
 * against, see docs/statistics.md.
 */
export const OMB_A11_DRIVERS = ['satisfaction', 'trust', 'effectiveness', 'ease', 'efficiency'] as const;
export type OmbA11Driver = (typeof OMB_A11_DRIVERS)[number];

/**
 * The answer keys of the A-11 v2 form's positive ("what went well?") and negative ("what didn't go
 * so well?") indicator questions, as GSA Touchpoints (github.com/GSA/touchpoints) names them: the
 * CSV headers its A-11 upload requires (app/controllers/admin/cx_collection_details_controller.rb,
 * upload_csv), the columns of its `cx_responses` table (migration CreateCxResponses) and the
 * `answer_02_*` / `answer_03_*` fields read in app/models/cx_collection_detail_upload.rb. The
 * form's other two questions are `question_1` (thumbs up/down on trust, seeded in
 * db/seeds/forms/a11_v2.rb) and `question_4` (open text).
 */
export const OMB_A11_V2_REASONS = [
  'positive_effectiveness',
  'positive_ease',
  'positive_efficiency',
  'positive_transparency',
  'positive_humanity',
  'positive_employee',
  'positive_other',
  'negative_effectiveness',
  'negative_ease',
  'negative_efficiency',
  'negative_transparency',
  'negative_humanity',
  'negative_employee',
  'negative_other',
] as const;
export type OmbA11V2Reason = (typeof OMB_A11_V2_REASONS)[number];

/** What an item of a standard family corresponds to in A-11. */
export interface OmbA11Mapping {
  /** The A-11 driver the item measures; null when it measures none of them. */
  readonly driver: OmbA11Driver | null;
  /** For a reasons item: each option code → the A-11 v2 reason key it corresponds to, or null. */
  readonly reasons?: Readonly<Record<string, OmbA11V2Reason | null>>;
}

/**
 * Every item code of the standard families (cx-dispositivo, cx-consultazione,
 * di-valutazione-servizio, di-chiarezza-pagina) → its A-11 counterpart. For international
 * comparison only: the scales differ (4 points or 5 stars against A-11's 5-point agreement or
 * thumbs), so shares are comparable in what they measure, not equal in value.
 */
export const OMB_A11_MAPPING: Readonly<Record<string, OmbA11Mapping>> = {
  SAT_OVERALL: { driver: 'satisfaction' },
  EASE: { driver: 'ease' },
  EASE_5: { driver: 'ease' },
  EFFECTIVENESS: { driver: 'effectiveness' },
  TIME: { driver: 'efficiency' },
  // Clarity of information is not one of the five drivers (A-11 v2's nearest key is transparency,
  // a reason, not a rated driver); no item of the standard families measures trust.
  INFO_CLARITY: { driver: null },
  CLARITY_5: { driver: null },
  INFO_FRESHNESS: { driver: null },
  FIRST_TIME: { driver: null },
  // Free text (A-11 v2's open `question_4` is its counterpart as a field, not as a driver).
  SUGGESTIONS: { driver: null },
  DETAILS: { driver: null },
  // The reasons items. Instructions and knowing where one is in the procedure are taken as
  // transparency (a judgement on the key's name: the v2 option wording is not in the Touchpoints
  // source, which seeds the options as placeholders). Technical problems and the SPID/CIE login
  // have no A-11 reason; "Altro" is A-11's "other".
  PAIN_POINTS: {
    driver: null,
    reasons: {
      'unclear-instructions': 'negative_transparency',
      'incomplete-instructions': 'negative_transparency',
      'unsure-progress': 'negative_transparency',
      'spid-cie-login': null,
      'technical-problems': null,
      'too-slow': 'negative_efficiency',
      other: 'negative_other',
    },
  },
  DIFFICULTIES: {
    driver: null,
    reasons: {
      'unclear-instructions': 'negative_transparency',
      'incomplete-instructions': 'negative_transparency',
      'unsure-progress': 'negative_transparency',
      'technical-problems': null,
      other: 'negative_other',
    },
  },
  PREFERRED: {
    driver: null,
    reasons: {
      'clear-instructions': 'positive_transparency',
      'complete-instructions': 'positive_transparency',
      'sure-progress': 'positive_transparency',
      'no-technical-problems': null,
      other: 'positive_other',
    },
  },
};
