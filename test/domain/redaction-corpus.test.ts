import { describe, it, expect } from 'vitest';
import { redactPersonalData } from '../../src/domain/privacy/redaction.js';
import { generateCorpus, scoreCorpus, type Tally } from './redaction-corpus.js';

const SEED = 20260612;
const SIZE = 4000;
const TARGET = 0.995;

const share = (t: Tally) => (t.total === 0 ? 0 : t.right / t.total);
const percent = (x: number) => `${(100 * x).toFixed(2)}%`;

describe('redaction on a generated corpus of Italian answers', () => {
  const corpus = generateCorpus(SEED, SIZE);
  const score = scoreCorpus(corpus, redactPersonalData);

  it('is the same corpus for the same seed, and a different one for another', () => {
    expect(generateCorpus(SEED, 50)).toEqual(corpus.slice(0, 50));
    expect(generateCorpus(SEED + 1, 50)).not.toEqual(corpus.slice(0, 50));
  });

  it(`finds at least ${percent(TARGET)} of every kind of personal data and keeps ${percent(TARGET)} of innocent text`, () => {
    const rows = [
      ...Object.entries(score.personal).map(([kind, t]) => ({
        kind,
        n: t.total,
        'recall (redacted)': percent(share(t)),
        'own placeholder': percent(t.labelled / t.total),
      })),
    ];
    const innocentTotal = Object.values(score.innocent).reduce((a, t) => a + t.total, 0);
    const innocentKept = Object.values(score.innocent).reduce((a, t) => a + t.right, 0);
    const precision = innocentKept / innocentTotal;
    console.log(`Redaction corpus: ${SIZE} sentences, seed ${SEED}`);
    console.table(rows);
    console.table(
      Object.entries(score.innocent).map(([kind, t]) => ({
        'innocent text': kind,
        n: t.total,
        kept: percent(share(t)),
      })),
    );
    console.log(`precision (innocent numbers kept): ${percent(precision)} of ${innocentTotal}`);
    for (const t of [...Object.values(score.personal), ...Object.values(score.innocent)]) {
      for (const failure of t.failures.slice(0, 5)) console.log(`  missed: ${failure}`);
    }

    for (const [kind, t] of Object.entries(score.personal)) {
      expect(t.total, kind).toBeGreaterThanOrEqual(300);
      expect(share(t), `recall of ${kind}`).toBeGreaterThanOrEqual(TARGET);
    }
    for (const [kind, t] of Object.entries(score.innocent)) {
      expect(t.total, kind).toBeGreaterThanOrEqual(100);
      expect(share(t), `innocent ${kind} kept`).toBeGreaterThanOrEqual(TARGET);
    }
    expect(precision).toBeGreaterThanOrEqual(TARGET);
  });
});
