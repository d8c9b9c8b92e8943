import { describe, expect, it } from 'vitest';
import {
  INDICATOR_ITEMS,
  indicatorItem,
  OMB_A11_DRIVERS,
  OMB_A11_MAPPING,
  OMB_A11_V2_REASONS,
} from '../../src/domain/indicators.js';
import type { QuestionnaireDefinition } from '../../src/domain/questionnaire.js';
import { INDICATOR_CODES, type IndicatorCode } from '../../src/domain/results-view.js';
import { STANDARD_QUESTIONNAIRES } from '../../src/questionnaires/index.js';

function family(name: string): QuestionnaireDefinition {
  const definition = STANDARD_QUESTIONNAIRES.find((d) => d.family === name);
  if (definition === undefined) throw new Error(`no standard family ${name}`);
  return definition;
}

// The table of docs/statistics.md, "Indicators across families": item and positive values, or
// null where the family has no item for the indicator.
const EXPECTED: Record<string, Record<IndicatorCode, [string, readonly (number | string)[]] | null>> = {
  'cx-dispositivo': {
    satisfaction: ['SAT_OVERALL', [3, 4]],
    ease: ['EASE', [3, 4]],
    effectiveness: ['EFFECTIVENESS', ['yes-fully']],
    clarity: ['INFO_CLARITY', [3, 4]],
  },
  'cx-consultazione': {
    satisfaction: ['SAT_OVERALL', [3, 4]],
    ease: ['EASE', [3, 4]],
    effectiveness: ['EFFECTIVENESS', ['yes-fully']],
    clarity: ['INFO_CLARITY', [3, 4]],
  },
  'di-valutazione-servizio': {
    satisfaction: null,
    ease: ['EASE_5', [4, 5]],
    effectiveness: null,
    clarity: null,
  },
  'di-chiarezza-pagina': {
    satisfaction: null,
    ease: null,
    effectiveness: null,
    clarity: ['CLARITY_5', [4, 5]],
  },
};

describe('indicatorItem', () => {
  it('covers exactly the standard families', () => {
    expect(STANDARD_QUESTIONNAIRES.map((d) => d.family).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, indicators] of Object.entries(EXPECTED)) {
    for (const code of INDICATOR_CODES) {
      const expected = indicators[code];
      it(`${name}: ${code} → ${expected === null ? 'none' : expected[0]}`, () => {
        const found = indicatorItem(family(name), code);
        if (expected === null) {
          expect(found).toBeUndefined();
          return;
        }
        expect(found?.item.code).toBe(expected[0]);
        expect(found?.positive).toEqual(expected[1]);
        // The positive values are the item's own field, not a copy kept beside the mapping.
        expect(found?.positive).toBe((found?.item as { positive?: unknown }).positive);
      });
    }
  }

  it("distinguishes cx-consultazione's effectiveness option label from cx-dispositivo's", () => {
    const label = (name: string): string | undefined => {
      const item = indicatorItem(family(name), 'effectiveness')?.item;
      return item?.type === 'single'
        ? item.options.find((o) => o.value === 'yes-fully')?.label.it
        : undefined;
    };
    expect(label('cx-dispositivo')).toBe('Sì, completamente');
    expect(label('cx-consultazione')).toBe('Sì, tutte');
  });

  it('finds no indicator in an item that declares no positive values', () => {
    const definition: QuestionnaireDefinition = {
      ...family('cx-dispositivo'),
      items: [
        {
          code: 'EFFECTIVENESS',
          type: 'single',
          required: true,
          question: { it: 'È riuscito/a?' },
          options: [{ value: 'yes', label: { it: 'Sì' } }],
        },
      ],
    };
    expect(indicatorItem(definition, 'effectiveness')).toBeUndefined();
    expect(indicatorItem(definition, 'satisfaction')).toBeUndefined();
  });

  it('names only indicator codes, each with at least one item', () => {
    expect(Object.keys(INDICATOR_ITEMS).sort()).toEqual([...INDICATOR_CODES].sort());
    for (const code of INDICATOR_CODES) expect(INDICATOR_ITEMS[code].length).toBeGreaterThan(0);
  });
});

describe('OMB A-11 mapping', () => {
  const itemCodes = [...new Set(STANDARD_QUESTIONNAIRES.flatMap((d) => d.items.map((i) => i.code)))].sort();

  it('has an entry, mapped or deliberately unmapped, for every item of every standard family and no other', () => {
    expect(Object.keys(OMB_A11_MAPPING).sort()).toEqual(itemCodes);
  });

  it('maps the indicator items to their drivers and nothing to trust', () => {
    const drivers = Object.fromEntries(Object.entries(OMB_A11_MAPPING).map(([code, m]) => [code, m.driver]));
    expect(drivers).toEqual({
      SAT_OVERALL: 'satisfaction',
      EASE: 'ease',
      EASE_5: 'ease',
      EFFECTIVENESS: 'effectiveness',
      TIME: 'efficiency',
      INFO_CLARITY: null,
      CLARITY_5: null,
      INFO_FRESHNESS: null,
      FIRST_TIME: null,
      SUGGESTIONS: null,
      DETAILS: null,
      PAIN_POINTS: null,
      DIFFICULTIES: null,
      PREFERRED: null,
    });
    for (const m of Object.values(OMB_A11_MAPPING)) {
      if (m.driver !== null) expect(OMB_A11_DRIVERS).toContain(m.driver);
    }
  });

  it('lists every option of a reasons item, in the same family of keys (positive or negative)', () => {
    for (const definition of STANDARD_QUESTIONNAIRES) {
      for (const item of definition.items) {
        const reasons = OMB_A11_MAPPING[item.code]?.reasons;
        const isReasons = ['PAIN_POINTS', 'DIFFICULTIES', 'PREFERRED'].includes(item.code);
        expect(reasons !== undefined, `${definition.family} ${item.code}`).toBe(isReasons);
        if (reasons === undefined) continue;
        if (item.type !== 'single' && item.type !== 'multiple')
          throw new Error(`${item.code} has no options`);
        expect(Object.keys(reasons).sort()).toEqual(item.options.map((o) => o.value).sort());
        const sign = item.code === 'PREFERRED' ? 'positive_' : 'negative_';
        for (const key of Object.values(reasons)) {
          if (key === null) continue;
          expect(OMB_A11_V2_REASONS).toContain(key);
          expect(key.startsWith(sign), `${item.code} → ${key}`).toBe(true);
        }
      }
    }
  });

  it('maps the options that have an A-11 v2 reason and leaves the rest unmapped', () => {
    expect(OMB_A11_MAPPING.PAIN_POINTS?.reasons).toEqual({
      'unclear-instructions': 'negative_transparency',
      'incomplete-instructions': 'negative_transparency',
      'unsure-progress': 'negative_transparency',
      'spid-cie-login': null,
      'technical-problems': null,
      'too-slow': 'negative_efficiency',
      other: 'negative_other',
    });
    expect(OMB_A11_MAPPING.PREFERRED?.reasons?.['no-technical-problems']).toBeNull();
    expect(OMB_A11_MAPPING.DIFFICULTIES?.reasons?.other).toBe('negative_other');
  });
});
