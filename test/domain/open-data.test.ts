/**
 * The open-data snapshot's disclosure control: ente cells as their staff see them, national and
 * PA-type cells decided so that no withheld ente count is the difference of published numbers.
 */
import { describe, expect, it } from 'vitest';
import {
  openDataLines,
  openDataSnapshot,
  type EnteFigures,
  type OpenDataRow,
  type OpenDataSnapshot,
} from '../../src/domain/open-data.js';
import type { CountView } from '../../src/domain/results-view.js';

const K = 10;
const COVERAGE = {
  targets: { services: 300, enti: 100, year: 2026 },
  activeServices: 3,
  enti: 3,
  byKind: [],
};
const shown = (count: number): CountView => ({ count, withheld: false });
const withheld: CountView = { count: null, withheld: true };

/** An ente with one indicator (satisfaction), true counts and the statuses its staff see. */
function ente(
  ipaCode: string,
  kind: string,
  counts: { responses: number; n: number; positive: number },
  status: { responses?: boolean; n?: boolean; positive?: boolean } = {},
): EnteFigures {
  return {
    ipaCode,
    name: ipaCode.toUpperCase(),
    kind,
    responses: counts.responses,
    indicators: { satisfaction: { n: counts.n, positive: counts.positive } },
    shown: {
      responses: status.responses ? withheld : shown(counts.responses),
      indicators: {
        satisfaction: {
          n: status.n ? withheld : shown(counts.n),
          positive: status.positive ? withheld : shown(counts.positive),
        },
      },
    },
  };
}

const row = (s: OpenDataSnapshot, level: OpenDataRow['level'], key: string) =>
  s.rows.find((r) => r.level === level && r.key === key)!;

/**
 * Every relation the published numbers obey (national = Σ types, type = Σ enti, for responses,
 * n and positive) leaves no withheld member alone, and the withheld parts of a shown total add
 * up to k or more: no withheld count is the total minus the parts shown, nor narrowed below k.
 */
function expectNoRecovery(s: OpenDataSnapshot, enti: readonly EnteFigures[]) {
  const truth = (level: string, key: string, q: string) => {
    const members = enti.filter(
      (e) => level === 'national' || (level === 'pa-type' ? e.kind : e.ipaCode) === key,
    );
    return members.reduce(
      (sum, e) =>
        sum +
        (q === 'responses'
          ? e.responses
          : q === 'n'
            ? (e.indicators.satisfaction?.n ?? 0)
            : (e.indicators.satisfaction?.positive ?? 0)),
      0,
    );
  };
  const cellOf = (r: OpenDataRow, q: string) =>
    q === 'responses' ? r.responses : q === 'n' ? r.indicators[0]!.n : r.indicators[0]!.positive;
  const types = s.rows.filter((r) => r.level === 'pa-type');
  const relations: [OpenDataRow, OpenDataRow[]][] = [
    [row(s, 'national', 'IT'), types],
    ...types.map((t): [OpenDataRow, OpenDataRow[]] => [
      t,
      s.rows.filter((r) => r.level === 'ente' && enti.find((e) => e.ipaCode === r.key)!.kind === t.key),
    ]),
  ];
  for (const q of ['responses', 'n', 'positive'])
    for (const [total, parts] of relations) {
      const members = [total, ...parts];
      const hidden = members.filter((m) => cellOf(m, q).withheld);
      expect(hidden.length, `${q} of ${total.key}: one withheld member alone`).not.toBe(1);
      if (!cellOf(total, q).withheld && hidden.length > 0)
        expect(
          parts.filter((p) => cellOf(p, q).withheld).reduce((sum, p) => sum + truth(p.level, p.key, q), 0),
          `${q} of ${total.key}: withheld parts below k`,
        ).toBeGreaterThanOrEqual(K);
      // a shown value is the true count
      for (const m of members)
        if (!cellOf(m, q).withheld) expect(cellOf(m, q).count).toBe(truth(m.level, m.key, q));
    }
}

describe('the open-data snapshot', () => {
  it('withholds a PA type of two enti when one of them is withheld, and the nation with it', () => {
    // INAIL has 4 responses (withheld in its own view): the type's 34 would give them away as 34 − 30
    const enti = [
      ente('inps', 'Previdenza', { responses: 30, n: 30, positive: 20 }),
      ente(
        'inail',
        'Previdenza',
        { responses: 4, n: 4, positive: 4 },
        { responses: true, n: true, positive: true },
      ),
      ente('roma', 'Comuni', { responses: 25, n: 25, positive: 15 }),
    ];
    const s = openDataSnapshot({ month: '2026-10', k: K, enti, coverage: COVERAGE });
    expect(row(s, 'ente', 'inail').responses).toEqual(withheld);
    expect(row(s, 'ente', 'inps').responses).toEqual(shown(30));
    expect(row(s, 'pa-type', 'Previdenza').responses).toEqual(withheld);
    expect(row(s, 'pa-type', 'Previdenza').indicators[0]!.n).toEqual(withheld);
    // Comuni is Roma alone (shown), so the nation is what has to go
    expect(row(s, 'pa-type', 'Comuni').responses).toEqual(shown(25));
    expect(row(s, 'national', 'IT').responses).toEqual(withheld);
    expectNoRecovery(s, enti);
  });

  it('withholds a type total that would tell one withheld ente the other withheld one’s count', () => {
    // A (4) and B (15) are withheld as their staff see them, C (30) shown: were the type's 49
    // shown, A would know B = 49 − 30 − 4 and B would know A
    const enti = [
      ente('a', 'T', { responses: 4, n: 4, positive: 2 }, { responses: true, n: true, positive: true }),
      ente('b', 'T', { responses: 15, n: 15, positive: 9 }, { responses: true, n: true, positive: true }),
      ente('c', 'T', { responses: 30, n: 30, positive: 20 }),
      ente('d', 'U', { responses: 40, n: 40, positive: 25 }),
      ente('e', 'U', { responses: 50, n: 50, positive: 30 }),
    ];
    const s = openDataSnapshot({ month: '2026-10', k: K, enti, coverage: COVERAGE });
    expect(row(s, 'pa-type', 'T').responses).toEqual(withheld);
    expectNoRecovery(s, enti);
  });

  it('keeps every ente cell as its own staff see it', () => {
    const enti = [
      ente('a', 'T', { responses: 40, n: 40, positive: 36 }, { positive: true }),
      ente('b', 'T', { responses: 50, n: 50, positive: 30 }),
    ];
    const s = openDataSnapshot({ month: '2026-10', k: K, enti, coverage: COVERAGE });
    expect(row(s, 'ente', 'a').indicators[0]).toMatchObject({
      n: shown(40),
      positive: withheld,
      value: null,
    });
    expect(row(s, 'ente', 'b').indicators[0]).toMatchObject({ n: shown(50), positive: shown(30) });
    // a's positive (36) would be the type's 66 minus b's 30
    expect(row(s, 'pa-type', 'T').indicators[0]!.positive).toEqual(withheld);
    expectNoRecovery(s, enti);
  });

  it('protects a share that would tell that only a few answered negatively (n = positive + negative)', () => {
    // each ente withholds its positive (3 and 4 negatives); added up, 7 negatives out of 80
    const enti = [
      ente('a', 'T', { responses: 40, n: 40, positive: 37 }, { positive: true }),
      ente('b', 'T', { responses: 40, n: 40, positive: 36 }, { positive: true }),
      ente('c', 'U', { responses: 60, n: 60, positive: 30 }),
    ];
    const s = openDataSnapshot({ month: '2026-10', k: K, enti, coverage: COVERAGE });
    const type = row(s, 'pa-type', 'T').indicators[0]!;
    expect(type.n.withheld || type.positive.withheld, 'the type shows 73 of 80: 7 negatives').toBe(true);
    expect(type.value).toBeNull();
    expectNoRecovery(s, enti);
  });

  it('shows everything when no cell is small', () => {
    const enti = [
      ente('a', 'T', { responses: 40, n: 40, positive: 20 }),
      ente('b', 'T', { responses: 50, n: 50, positive: 30 }),
    ];
    const s = openDataSnapshot({ month: '2026-10', k: K, enti, coverage: COVERAGE });
    const national = row(s, 'national', 'IT');
    expect(national.responses).toEqual(shown(90));
    expect(national.indicators[0]!.value!.share).toBe(50 / 90);
    expect(national.indicators[0]!.value!.ci95.low).toBeLessThan(50 / 90);
  });

  it('writes withheld values empty with status :c in the files’ lines', () => {
    const enti = [
      ente('inps', 'Previdenza', { responses: 30, n: 30, positive: 20 }),
      ente(
        'inail',
        'Previdenza',
        { responses: 4, n: 4, positive: 4 },
        { responses: true, n: true, positive: true },
      ),
    ];
    const body = openDataSnapshot({ month: '2026-10', k: K, enti, coverage: COVERAGE });
    const lines = openDataLines({ release: 1, publishedAt: new Date('2026-11-05T10:00:00Z'), body });
    const inail = lines.filter((l) => l.key === 'inail');
    expect(inail.map((l) => [l.indicator, l.n, l.share, l.status])).toEqual([
      ['responses', null, null, ':c'],
      ['satisfaction', null, null, ':c'],
    ]);
    expect(lines.find((l) => l.key === 'inps' && l.indicator === 'satisfaction')).toMatchObject({
      n: 30,
      positive: 20,
      share: 20 / 30,
      status: null,
      release: 1,
      published_at: '2026-11-05T10:00:00.000Z',
    });
  });
});
