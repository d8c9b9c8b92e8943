/**
 * Suggestions: the redacted free-text answers of a service's closed month, as its staff may read
 * them (docs/statistics.md, "Suggestions"). A list of texts reveals its size, so a list is shown
 * only when its count would be: the month's list carries the status of the free-text item's count
 * in the results, a channel's list that of the item's count on that channel, and the lists by
 * answer to the overall item are decided as the parts of the month's (`scoreStatuses`).
 */
import { withheldCells } from './disclosure.js';
import type { CountView, PeriodView } from './results-view.js';

/** The filter on the answer to the overall item: a value '1'…'5', or 'none' (not answered). */
export const NO_SCORE = 'none';

export interface SuggestionView {
  readonly itemCode: string;
  readonly lang: string;
  /** Redacted again on every read (`redactPersonalData`), whatever the detectors were when it was stored. */
  readonly text: string;
  /** The answer to the overall item and the channel: for the central office only (null for ente users). */
  readonly score: number | null;
  readonly channel: string | null;
}

/** A frequent term or pair of terms, after stop-word removal and stemming. */
export interface Theme {
  /** The most frequent spelling of the stem (pairs: of each stem), e.g. 'tempi attesa'. */
  readonly label: string;
  /** Suggestions that contain it. */
  readonly count: number;
  /** Up to two of them. */
  readonly examples: readonly string[];
}

export interface SuggestionsView {
  readonly service: { readonly slug: string; readonly name: string };
  readonly period: PeriodView;
  readonly k: number;
  readonly disclosureControl: boolean;
  readonly filters: Readonly<Record<string, string>>;
  /** Whether the filtered list is withheld (its count is below k, or would reveal one that is). */
  readonly withheld: boolean;
  /** Suggestions in the filtered list (before the text search); null when withheld. */
  readonly total: number | null;
  /** Of those, the ones the text search matches (the total when there is no search). */
  readonly matched: number | null;
  readonly page: number;
  readonly pageSize: number;
  readonly suggestions: readonly SuggestionView[];
  /** The month's (or channel's) list by answer to the overall item, each with its status. */
  readonly byScore: readonly { readonly score: string; readonly count: CountView }[];
  /** Of the filtered list (not of the search). */
  readonly themes: { readonly terms: readonly Theme[]; readonly bigrams: readonly Theme[] };
}

/**
 * The statuses of the lists by score: the parts of a total whose status is given, decided by the
 * disclosure rule (so that no withheld part is the total minus the others shown).
 *
 * @example scoreStatuses(new Map([['5', 30], ['1', 3], ['4', 12]]), false, 10) // → withheld {'1', '4'}
 */
export function scoreStatuses(
  counts: ReadonlyMap<string, number>,
  totalWithheld: boolean,
  k: number,
): Set<string> {
  const keys = [...counts.keys()].sort();
  const total = keys.reduce((sum, key) => sum + counts.get(key)!, 0);
  const withheld = withheldCells(
    {
      count: [total, ...keys.map((key) => counts.get(key)!)],
      fixed: [totalWithheld ? 1 : 0, ...keys.map(() => -1)],
      alsoPrimary: new Uint8Array(keys.length + 1),
      relations: [Int32Array.from({ length: keys.length + 1 }, (_, i) => i)],
      keys: ['total', ...keys],
    },
    k,
  );
  return new Set(keys.filter((_, i) => withheld[i + 1] === 1 || totalWithheld));
}

/** A word of a suggestion as the text search configuration sees it. */
export interface Token {
  /** The word, lower case. */
  readonly word: string;
  /** Its stem; null for a stop word. */
  readonly stem: string | null;
  /** Whether punctuation separates it from the word before (no pair across a sentence or clause). */
  readonly afterBreak: boolean;
}

const MIN_STEM = 3;

/**
 * The most frequent terms and pairs of adjacent terms (stop words skipped, not bridged across
 * punctuation) of some suggestions, counted once per suggestion, at least twice, most frequent first.
 *
 * @example themesOf([{ text: 'Tempi di attesa lunghi', tokens }, …], 10)
 */
export function themesOf(
  suggestions: readonly { readonly text: string; readonly tokens: readonly Token[] }[],
  limit: number,
): SuggestionsView['themes'] {
  const spelling = new Map<string, Map<string, number>>();
  const terms = new Map<string, number[]>();
  const bigrams = new Map<string, number[]>();
  const note = (index: Map<string, number[]>, key: string, doc: number) => {
    const docs = index.get(key);
    if (docs === undefined) index.set(key, [doc]);
    else if (docs.at(-1) !== doc) docs.push(doc);
  };
  suggestions.forEach(({ tokens }, doc) => {
    let previous: string | null = null;
    for (const token of tokens) {
      if (token.afterBreak) previous = null;
      if (token.stem === null) continue;
      if (token.stem.length < MIN_STEM) {
        previous = null;
        continue;
      }
      const forms = spelling.get(token.stem) ?? new Map<string, number>();
      forms.set(token.word, (forms.get(token.word) ?? 0) + 1);
      spelling.set(token.stem, forms);
      note(terms, token.stem, doc);
      if (previous !== null && previous !== token.stem) note(bigrams, `${previous} ${token.stem}`, doc);
      previous = token.stem;
    }
  });
  const labelOf = (stem: string) =>
    [...spelling.get(stem)!].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]![0];
  const top = (index: Map<string, number[]>): Theme[] =>
    [...index]
      .filter(([, docs]) => docs.length >= 2)
      .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
      .slice(0, limit)
      .map(([key, docs]) => ({
        label: key.split(' ').map(labelOf).join(' '),
        count: docs.length,
        examples: docs.slice(0, 2).map((doc) => suggestions[doc]!.text),
      }));
  return { terms: top(terms), bigrams: top(bigrams) };
}
