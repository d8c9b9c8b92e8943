import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/domain/definition.js';
import type { Item, QuestionnaireDefinition } from '../../src/domain/questionnaire.js';
import { STANDARD_QUESTIONNAIRES } from '../../src/questionnaires/index.js';
import { cxDispositivoV1 } from '../../src/questionnaires/cx-dispositivo.v1.js';
import { publishQuestionnaire } from '../../src/store/questionnaires.js';
import { databaseKind, startValuta } from '../support/database.js';

const base = cxDispositivoV1;
const withItems = (items: readonly Item[]): QuestionnaireDefinition => ({ ...base, items });
const item = (code: string) => base.items.find((i) => i.code === code)!;
const codes = (definition: QuestionnaireDefinition) => validateDefinition(definition).map((p) => p.code);

describe('questionnaire definition validator', () => {
  it.each(STANDARD_QUESTIONNAIRES.map((q) => [`${q.family} v${q.version}`, q] as const))(
    'finds nothing wrong with the standard %s',
    (_name, definition) => {
      expect(validateDefinition(definition)).toEqual([]);
    },
  );

  it('refuses two items with the same code', () => {
    expect(codes(withItems([...base.items, item('EASE')]))).toContain('duplicate-item');
  });

  it('refuses a condition on a later item, on itself, or on an unknown item, naming it', () => {
    const painFirst = withItems([item('PAIN_POINTS'), ...base.items.filter((i) => i.code !== 'PAIN_POINTS')]);
    const problems = validateDefinition(painFirst);
    expect(problems.map((p) => p.code)).toContain('condition-not-earlier');
    expect(problems.find((p) => p.code === 'condition-not-earlier')?.detail).toMatch(
      /PAIN_POINTS depends on "SAT_OVERALL"/,
    );
    const self = { ...item('TIME'), showWhen: { item: 'TIME', op: 'eq', value: 1 } } as Item;
    expect(codes(withItems([item('SAT_OVERALL'), self]))).toContain('condition-not-earlier');
  });

  it('refuses a condition that the referenced item cannot answer', () => {
    const cases: Item['showWhen'][] = [
      { item: 'SAT_OVERALL', op: 'lte', value: 7 }, // not a point of the scale
      { item: 'EFFECTIVENESS', op: 'lt', value: 'no' }, // order on a single choice
      { item: 'EFFECTIVENESS', op: 'eq', value: 'maybe' }, // not an option
      { item: 'SAT_OVERALL', op: 'includes', value: 2 }, // includes is for multiple choice
      { all: [] },
    ];
    for (const showWhen of cases) {
      const follow = { ...item('TIME'), showWhen } as Item;
      expect(codes(withItems([item('SAT_OVERALL'), item('EFFECTIVENESS'), follow]))).toContain(
        'invalid-condition',
      );
    }
  });

  it('refuses inconsistent points, options and positives', () => {
    const scale = item('SAT_OVERALL') as Extract<Item, { type: 'scale' }>;
    const single = item('EFFECTIVENESS') as Extract<Item, { type: 'single' }>;
    expect(codes(withItems([{ ...scale, points: [scale.points[0]!, scale.points[2]!] }]))).toContain(
      'invalid-points',
    );
    expect(codes(withItems([{ ...scale, positive: [5] }]))).toContain('invalid-positive');
    expect(codes(withItems([{ ...single, options: [single.options[0]!, single.options[0]!] }]))).toContain(
      'duplicate-option',
    );
    expect(codes(withItems([{ ...single, positive: ['always'] }]))).toContain('invalid-positive');
    expect(
      codes(
        withItems([{ ...single, options: [...single.options, { value: 'Not OK', label: { it: 'x' } }] }]),
      ),
    ).toContain('invalid-option-code');
    expect(
      codes(withItems([{ ...(item('SUGGESTIONS') as Extract<Item, { type: 'text' }>), maxLength: 0 }])),
    ).toContain('invalid-max-length');
  });

  it('refuses a text without Italian, a language it does not know, bad codes and no items', () => {
    expect(codes({ ...base, title: { en: 'Rate' } as never })).toContain('missing-text');
    expect(codes({ ...base, closing: { it: 'Grazie', fr: 'Merci' } as never })).toContain('unknown-language');
    expect(codes(withItems([{ ...item('EASE'), code: 'ease' }]))).toContain('invalid-item-code');
    expect(codes({ ...base, family: 'CX Dispositivo' })).toContain('invalid-family');
    expect(codes({ ...base, version: 0 })).toContain('invalid-version');
    expect(codes(withItems([]))).toContain('no-items');
    expect(codes(withItems([{ ...item('EASE'), type: 'slider' } as never]))).toContain('unknown-type');
  });
});

describe(`publishing a definition (${databaseKind})`, () => {
  it('is refused with a clear message before anything is stored when the definition is not valid', async () => {
    const valuta = await startValuta();
    try {
      const bad = { ...base, family: 'cx-prova', items: [...base.items, item('EASE')] };
      await expect(publishQuestionnaire(valuta.database.db, bad)).rejects.toMatchObject({
        code: 'VALUTA_ERR_INVALID_DEFINITION',
        message: expect.stringMatching(/cx-prova v1 cannot be published: two items have the code EASE/),
      });
      const stored = await valuta.database.db
        .selectFrom('questionnaireVersion')
        .select('family')
        .where('family', '=', 'cx-prova')
        .execute();
      expect(stored).toEqual([]);
    } finally {
      await valuta.dispose();
    }
  });
});
