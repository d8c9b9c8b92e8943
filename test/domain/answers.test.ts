import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../src/domain/answers.js';
import type { QuestionnaireDefinition } from '../../src/domain/questionnaire.js';
import { cxConsultazioneV1 } from '../../src/questionnaires/cx-consultazione.v1.js';
import { cxDispositivoV1 } from '../../src/questionnaires/cx-dispositivo.v1.js';

const satisfied = { SAT_OVERALL: 4, EASE: 3, EFFECTIVENESS: 'yes-fully', INFO_CLARITY: 4 };

/** A small definition with one item of each type and nested conditions. */
const matrix: QuestionnaireDefinition = {
  family: 'test',
  version: 1,
  title: { it: 'Prova' },
  closing: { it: 'Grazie' },
  items: [
    {
      code: 'SCALE',
      type: 'scale',
      required: true,
      question: { it: 'Scala' },
      positive: [3, 4],
      points: [1, 2, 3, 4].map((value) => ({ value, label: { it: String(value) } })),
    },
    {
      code: 'STARS',
      type: 'rating',
      required: false,
      question: { it: 'Stelle' },
      positive: [4, 5],
      points: [1, 2, 3, 4, 5].map((value) => ({ value, label: { it: String(value) } })),
    },
    {
      code: 'ONE',
      type: 'single',
      required: false,
      question: { it: 'Una' },
      options: [
        { value: 'a', label: { it: 'A' } },
        { value: 'b', label: { it: 'B' } },
      ],
    },
    {
      code: 'MANY',
      type: 'multiple',
      required: false,
      question: { it: 'Molte' },
      options: [
        { value: 'x', label: { it: 'X' } },
        { value: 'y', label: { it: 'Y' } },
        { value: 'z', label: { it: 'Z' } },
      ],
    },
    { code: 'TEXT', type: 'text', required: false, question: { it: 'Testo' }, maxLength: 10 },
    {
      code: 'LOW_AND_B',
      type: 'single',
      required: true,
      question: { it: 'Condizionale' },
      showWhen: {
        all: [
          { item: 'SCALE', op: 'lt', value: 3 },
          {
            any: [
              { item: 'ONE', op: 'eq', value: 'b' },
              { item: 'MANY', op: 'includes', value: 'z' },
            ],
          },
        ],
      },
      options: [{ value: 'ok', label: { it: 'Ok' } }],
    },
  ],
};

const errorsOf = (definition: QuestionnaireDefinition, answers: unknown) => {
  const result = validateAnswers(definition, answers);
  return result.ok ? [] : result.errors.map((e) => `${e.item}:${e.code}`);
};

describe('answer validation', () => {
  it('accepts a complete answer set and keeps only what was answered', () => {
    const result = validateAnswers(cxDispositivoV1, {
      ...satisfied,
      TIME: 2,
      FIRST_TIME: 'no',
      SUGGESTIONS: '  Ottimo  ',
    });
    expect(result).toEqual({
      ok: true,
      answers: { ...satisfied, TIME: 2, FIRST_TIME: 'no', SUGGESTIONS: 'Ottimo' },
    });
  });

  it('requires the required items, and treats blank values as unanswered', () => {
    expect(errorsOf(cxDispositivoV1, {})).toEqual([
      'SAT_OVERALL:required',
      'EASE:required',
      'EFFECTIVENESS:required',
      'INFO_CLARITY:required',
    ]);
    expect(errorsOf(cxDispositivoV1, { ...satisfied, EFFECTIVENESS: '', INFO_CLARITY: null })).toEqual([
      'EFFECTIVENESS:required',
      'INFO_CLARITY:required',
    ]);
    expect(errorsOf(cxDispositivoV1, { ...satisfied, SUGGESTIONS: '   ', FIRST_TIME: null })).toEqual([]);
  });

  it('refuses answers that are not an object', () => {
    for (const bad of [null, 3, 'x', [], [1]])
      expect(errorsOf(cxDispositivoV1, bad)).toEqual(['answers:invalid-type']);
  });

  it('refuses unknown item codes', () => {
    expect(errorsOf(cxDispositivoV1, { ...satisfied, NPS: 9 })).toEqual(['NPS:unknown-item']);
    // consultazione has INFO_FRESHNESS where dispositivo has TIME
    expect(errorsOf(cxConsultazioneV1, { ...satisfied, TIME: 3 })).toEqual(['TIME:unknown-item']);
    expect(errorsOf(cxConsultazioneV1, { ...satisfied, INFO_FRESHNESS: 3 })).toEqual([]);
  });

  it.each([
    ['scale out of range', { SCALE: 5 }, 'SCALE:invalid-value'],
    ['scale zero', { SCALE: 0 }, 'SCALE:invalid-value'],
    ['scale not an integer', { SCALE: 2.5 }, 'SCALE:invalid-value'],
    ['scale as a string', { SCALE: '3' }, 'SCALE:invalid-value'],
    ['rating out of range', { SCALE: 3, STARS: 6 }, 'STARS:invalid-value'],
    ['single not an option', { SCALE: 3, ONE: 'c' }, 'ONE:invalid-option'],
    ['single as a number', { SCALE: 3, ONE: 1 }, 'ONE:invalid-option'],
    ['multiple not a list', { SCALE: 3, MANY: 'x' }, 'MANY:invalid-option'],
    ['multiple with an unknown code', { SCALE: 3, MANY: ['x', 'w'] }, 'MANY:invalid-option'],
    ['multiple with a repeated code', { SCALE: 3, MANY: ['x', 'x'] }, 'MANY:invalid-option'],
    ['text too long', { SCALE: 3, TEXT: 'abcdefghijk' }, 'TEXT:too-long'],
    ['text not a string', { SCALE: 3, TEXT: 42 }, 'TEXT:invalid-value'],
  ])('refuses %s', (_name, answers, expected) => {
    expect(errorsOf(matrix, answers)).toEqual([expected]);
  });

  it('accepts each item type at its limits', () => {
    const result = validateAnswers(matrix, {
      SCALE: 1,
      STARS: 5,
      ONE: 'a',
      MANY: ['y', 'x'],
      TEXT: 'àèìòù€😀abc',
    });
    // multiple choices are kept in definition order; text length counts characters, not UTF-16 units
    expect(result).toEqual({
      ok: true,
      answers: { SCALE: 1, STARS: 5, ONE: 'a', MANY: ['x', 'y'], TEXT: 'àèìòù€😀abc' },
    });
  });

  it('strips control characters from text', () => {
    expect(validateAnswers(matrix, { SCALE: 3, TEXT: 'a\u0000b\u0007c\nd' })).toEqual({
      ok: true,
      answers: { SCALE: 3, TEXT: 'abc\nd' },
    });
  });

  describe('conditional items', () => {
    it('asks PAIN_POINTS only of dissatisfied respondents', () => {
      expect(errorsOf(cxDispositivoV1, { ...satisfied, PAIN_POINTS: ['too-slow'] })).toEqual([
        'PAIN_POINTS:not-shown',
      ]);
      expect(errorsOf(cxDispositivoV1, { ...satisfied, SAT_OVERALL: 2, PAIN_POINTS: ['too-slow'] })).toEqual(
        [],
      );
      expect(
        errorsOf(cxDispositivoV1, { ...satisfied, EASE: 1, PAIN_POINTS: ['spid-cie-login', 'other'] }),
      ).toEqual([]);
    });

    it('evaluates and/or and includes, and requires a conditional item only when shown', () => {
      expect(errorsOf(matrix, { SCALE: 2, ONE: 'b' })).toEqual(['LOW_AND_B:required']);
      expect(errorsOf(matrix, { SCALE: 2, MANY: ['z'] })).toEqual(['LOW_AND_B:required']);
      expect(errorsOf(matrix, { SCALE: 2, ONE: 'b', LOW_AND_B: 'ok' })).toEqual([]);
      expect(errorsOf(matrix, { SCALE: 3, ONE: 'b' })).toEqual([]);
      expect(errorsOf(matrix, { SCALE: 2, ONE: 'a' })).toEqual([]);
      expect(errorsOf(matrix, { SCALE: 3, ONE: 'b', LOW_AND_B: 'ok' })).toEqual(['LOW_AND_B:not-shown']);
    });

    it('does not open an item on an invalid earlier answer', () => {
      expect(errorsOf(matrix, { SCALE: 'x', ONE: 'b', LOW_AND_B: 'ok' })).toEqual([
        'SCALE:invalid-value',
        'LOW_AND_B:not-shown',
      ]);
    });
  });

  it('names every bad item at once', () => {
    expect(errorsOf(cxDispositivoV1, { SAT_OVERALL: 9, EASE: 3, EFFECTIVENESS: 'maybe', FOO: 1 })).toEqual([
      'FOO:unknown-item',
      'SAT_OVERALL:invalid-value',
      'EFFECTIVENESS:invalid-option',
      'INFO_CLARITY:required',
    ]);
  });
});
