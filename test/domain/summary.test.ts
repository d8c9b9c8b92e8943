import { describe, expect, it } from 'vitest';
import type { PeriodCounts } from '../../src/domain/summary.js';
import { summarise } from '../../src/domain/summary.js';
import { cxDispositivoV1 } from '../../src/questionnaires/cx-dispositivo.v1.js';

function counts(
  items: Record<string, Record<string, number>>,
  byChannel: Record<string, number>,
  { verified = 0, openings = {} }: { verified?: number; openings?: Record<string, number> } = {},
): PeriodCounts {
  return {
    verified,
    openingsByChannel: new Map(Object.entries(openings)),
    items: new Map(Object.entries(items).map(([code, values]) => [code, new Map(Object.entries(values))])),
    byChannel: new Map(Object.entries(byChannel)),
    byDevice: new Map(Object.entries({ mobile: Object.values(byChannel).reduce((a, b) => a + b, 0) })),
    byLang: new Map(Object.entries({ it: Object.values(byChannel).reduce((a, b) => a + b, 0) })),
  };
}

describe('service summary from rollups', () => {
  // SAT_OVERALL: 2×1, 3×2, 5×3, 10×4 → n = 20, Σv = 2+6+15+40 = 63, mean 3.15,
  // Σv² = 2+12+45+160 = 219, s² = (219 − 20·3.15²)/19 = (219 − 198.45)/19 = 1.081579, s = 1.039990,
  // half-width = t(0.975,19)·s/√20 = 2.093024 × 1.039990 / 4.472136 = 0.486735 → [2.663265, 3.636735].
  // Positive (3–4): 15 of 20 = 0.75; Wilson 95%: centre (0.75 + 1.920729/20)/(1 + 3.841459/20) = 0.709559,
  // half = 1.959964/1.192073 × √(0.75·0.25/20 + 3.841459/1600) = 0.172474 → [0.531, 0.888].
  const summary = summarise(
    cxDispositivoV1,
    counts(
      { SAT_OVERALL: { '*': 20, 1: 2, 2: 3, 3: 5, 4: 10 }, PAIN_POINTS: { '*': 4, 'too-slow': 3, other: 2 } },
      { web: 17, qr: 3 },
    ),
    10,
  );
  const sat = summary.items.find((i) => i.code === 'SAT_OVERALL')!;

  it('gives n, the distribution, the mean with a t-based CI and the top-2-box share with a Wilson CI', () => {
    expect(summary.n).toBe(20);
    expect(sat.n).toBe(20);
    expect(sat.distribution.map((c) => [c.value, c.label, c.count, c.share])).toEqual([
      [1, 'Non soddisfacente', 2, 0.1],
      [2, 'Poco soddisfacente', 3, 0.15],
      [3, 'Soddisfacente', 5, 0.25],
      [4, 'Molto soddisfacente', 10, 0.5],
    ]);
    expect(sat.mean!.value).toBeCloseTo(3.15, 10);
    expect(sat.mean!.ci95.low).toBeCloseTo(2.663265, 5);
    expect(sat.mean!.ci95.high).toBeCloseTo(3.636735, 5);
    expect(sat.positive!.share).toBe(0.75);
    expect(sat.positive!.values).toEqual([3, 4]);
    expect(sat.positive!.ci95.low).toBeCloseTo(0.531, 3);
    expect(sat.positive!.ci95.high).toBeCloseTo(0.888, 3);
  });

  it('suppresses items answered by fewer than k responses', () => {
    const pain = summary.items.find((i) => i.code === 'PAIN_POINTS')!;
    expect(pain).toMatchObject({ n: null, suppressed: true, distribution: [], mean: null, positive: null });
    const unanswered = summary.items.find((i) => i.code === 'TIME')!;
    expect(unanswered.suppressed).toBe(true);
  });

  it('suppresses small breakdown cells, and a second one so the first cannot be recovered', () => {
    // qr has 3 (< 10): suppressed; n = 20 is published, so web (17) is hidden too, else qr = 20 − 17
    expect(summary.responsesBy.channel).toEqual([
      { key: 'web', count: null },
      { key: 'app', count: 0 },
      { key: 'email', count: 0 },
      { key: 'qr', count: null },
      { key: 'contact-center', count: 0 },
    ]);
  });

  it('suppresses everything when the service has fewer than k responses', () => {
    const small = summarise(cxDispositivoV1, counts({ SAT_OVERALL: { '*': 4, 4: 4 } }, { web: 4 }), 10);
    expect(small.suppressed).toBe(true);
    expect(small.items.every((i) => i.suppressed)).toBe(true);
    expect(small.responsesBy.channel.every((c) => c.count === null)).toBe(true);
  });

  it('gives a share of "Sì, completamente" for effectiveness and shares for multiple choice over respondents', () => {
    const s = summarise(
      cxDispositivoV1,
      counts(
        {
          EFFECTIVENESS: { '*': 10, 'yes-fully': 6, 'yes-partly': 3, no: 1 },
          PAIN_POINTS: { '*': 10, 'too-slow': 7, other: 5 },
        },
        { web: 10 },
      ),
      10,
    );
    const effectiveness = s.items.find((i) => i.code === 'EFFECTIVENESS')!;
    expect(effectiveness.positive?.share).toBe(0.6);
    expect(effectiveness.mean).toBeNull();
    const pain = s.items.find((i) => i.code === 'PAIN_POINTS')!;
    expect(pain.distribution.find((c) => c.value === 'too-slow')?.share).toBe(0.7);
    expect(pain.distribution.find((c) => c.value === 'other')?.share).toBe(0.5);
    expect(pain.positive).toBeNull();
  });

  it('with k = 1 and a single answer, gives no mean (its interval needs n ≥ 2) but the share with its interval', () => {
    const s = summarise(cxDispositivoV1, counts({ SAT_OVERALL: { '*': 1, 4: 1 } }, { web: 1 }), 1);
    const one = s.items.find((i) => i.code === 'SAT_OVERALL')!;
    expect(one.mean).toBeNull();
    expect(one.positive).toMatchObject({ share: 1, ci95: { high: 1 } });
  });

  describe('response rate and verified completions', () => {
    const sat = { SAT_OVERALL: { '*': 20, 3: 20 } };

    it('divides the responses of the channels that count openings by the openings, with a Wilson CI', () => {
      // web 17 responses over 68 openings (qr has no openings: its 3 responses are left out)
      // 17/68 = 0.25; Wilson: centre (0.25 + 1.920729/68)/(1 + 3.841459/68) = 0.263368,
      // half = 1.959964/1.056492 × √(0.25·0.75/68 + 3.841459/18496) = 0.101018 → [0.162350, 0.364386]
      const { responseRate } = summarise(
        cxDispositivoV1,
        counts(sat, { web: 17, qr: 3 }, { openings: { web: 68 } }),
        10,
      );
      expect(responseRate).toMatchObject({ responses: 17, openings: 68, rate: 0.25 });
      expect(responseRate!.ci95.low).toBeCloseTo(0.16235, 5);
      expect(responseRate!.ci95.high).toBeCloseTo(0.364386, 5);
    });

    it('gives no rate below k openings, nor when responses outnumber the openings counted', () => {
      expect(
        summarise(cxDispositivoV1, counts(sat, { web: 20 }, { openings: { web: 9 } }), 10).responseRate,
      ).toBeNull();
      expect(
        summarise(cxDispositivoV1, counts(sat, { web: 20 }, { openings: { web: 12 } }), 10).responseRate,
      ).toBeNull();
    });

    it('shows the verified count unless it, or the unverified rest, is a small cell', () => {
      expect(summarise(cxDispositivoV1, counts(sat, { web: 25 }, { verified: 12 }), 10).verified).toBe(12);
      expect(summarise(cxDispositivoV1, counts(sat, { web: 20 }, { verified: 4 }), 10).verified).toBeNull();
      // 19 of 20 verified would tell that exactly one response was not
      expect(summarise(cxDispositivoV1, counts(sat, { web: 20 }, { verified: 19 }), 10).verified).toBeNull();
      expect(summarise(cxDispositivoV1, counts(sat, { web: 20 }, { verified: 20 }), 10).verified).toBe(20);
      expect(summarise(cxDispositivoV1, counts(sat, { web: 20 }), 10).verified).toBe(0);
    });
  });
});
