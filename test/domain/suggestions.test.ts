import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  publishedLists,
  themesOf,
  type ListFilter,
  type SuggestionCell,
} from '../../src/domain/suggestions.js';

const K = 10;
const SCORES = ['1', '2', '3', '4', 'none'];
const CHANNELS = ['web', 'app', 'qr'];

/** Every list a request can ask for: the month's, a score's, a channel's, a score's on a channel. */
const candidates: ListFilter[] = [
  {},
  ...SCORES.map((score) => ({ score })),
  ...CHANNELS.map((channel) => ({ channel })),
  ...SCORES.flatMap((score) => CHANNELS.map((channel) => ({ score, channel }))),
];
const inList = (c: SuggestionCell, l: ListFilter) =>
  (l.score === undefined || c.score === l.score) && (l.channel === undefined || c.channel === l.channel);

describe('publishedLists', () => {
  it('never publishes lists whose common parts or differences hold fewer than k (property)', () => {
    const cell = fc.record({
      score: fc.constantFrom(...SCORES),
      channel: fc.constantFrom<string | null>(...CHANNELS, null),
      count: fc.integer({ min: 1, max: 40 }),
    });
    const cells = fc
      .uniqueArray(cell, { selector: (c) => `${c.score}|${c.channel}`, maxLength: 12 })
      .map((cs) => cs as SuggestionCell[]);
    fc.assert(
      fc.property(cells, fc.boolean(), fc.subarray(CHANNELS), (cs, monthShown, shownChannels) => {
        const lists = publishedLists(cs, { monthShown, channelShown: (c) => shownChannels.includes(c) }, K);
        const published = candidates.filter((l) => lists.isPublished(l));
        if (!monthShown) expect(published).toEqual([]);
        // the parts of the published lists: suggestions that lie in exactly the same of them
        const parts = new Map<string, number>();
        for (const c of cs) {
          const signature = published.map((l) => (inList(c, l) ? 1 : 0)).join('');
          parts.set(signature, (parts.get(signature) ?? 0) + c.count);
        }
        // (the suggestions in none of them are not shown: that part is not revealed)
        for (const [signature, size] of parts)
          if (signature.includes('1')) expect(size >= K, `a part of ${size}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('publishes the month and, beside it, what keeps every part at k', () => {
    const cells: SuggestionCell[] = [
      { score: '4', channel: 'web', count: 16 },
      { score: '3', channel: 'web', count: 14 },
      { score: '1', channel: 'app', count: 3 },
    ];
    const lists = publishedLists(cells, { monthShown: true, channelShown: () => true }, K);
    const some = (l: ListFilter) => cells.some((c) => inList(c, l));
    expect(candidates.filter((l) => some(l) && lists.isPublished(l))).toEqual([
      {},
      { score: '3' },
      { score: '3', channel: 'web' },
    ]);
    // with the web's count withheld by the results, the web's list is not tried
    const fewer = publishedLists(
      [...cells, { score: '2', channel: 'qr', count: 12 }],
      { monthShown: true, channelShown: (c) => c !== 'web' },
      K,
    );
    expect(fewer.isPublished({ channel: 'qr' })).toBe(true);
    expect(fewer.isPublished({ channel: 'web' })).toBe(false);
  });
});

describe('themesOf', () => {
  const t = (word: string, stem: string | null, afterBreak = false) => ({ word, stem, afterBreak });
  it('counts stems once per suggestion, pairs across stop words but not punctuation, under the most frequent spelling', () => {
    const themes = themesOf(
      [
        {
          text: 'Tempi di attesa lunghi',
          tokens: [t('tempi', 'temp'), t('di', null), t('attesa', 'attes'), t('lunghi', 'lung')],
        },
        { text: 'Attese, tempi', tokens: [t('attese', 'attes'), t('tempi', 'temp', true)] },
        {
          text: 'tempi di attesa, attesa',
          tokens: [t('tempi', 'temp'), t('di', null), t('attesa', 'attes'), t('attesa', 'attes', true)],
        },
      ],
      10,
    );
    expect(themes.terms).toEqual([
      { label: 'attesa', count: 3, examples: ['Tempi di attesa lunghi', 'Attese, tempi'] },
      { label: 'tempi', count: 3, examples: ['Tempi di attesa lunghi', 'Attese, tempi'] },
    ]);
    expect(themes.bigrams).toEqual([
      { label: 'tempi attesa', count: 2, examples: ['Tempi di attesa lunghi', 'tempi di attesa, attesa'] },
    ]);
  });
});
