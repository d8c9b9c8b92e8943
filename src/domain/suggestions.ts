/**
 * Suggestions: the redacted free-text answers of a service's closed month, as its staff may read
 * them (docs/statistics.md, "Suggestions"). A list of texts reveals its size, and two lists shown
 * reveal their common part: the lists published are chosen by `publishedLists`.
 */
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
  /** The lists by answer to the overall item (within the channel asked for), each with its status. */
  readonly byScore: readonly { readonly score: string; readonly count: CountView }[];
  /** Of the filtered list (not of the search). */
  readonly themes: { readonly terms: readonly Theme[]; readonly bigrams: readonly Theme[] };
}

/** The suggestions of a month that share an answer to the overall item and a channel, and how many. */
export interface SuggestionCell {
  /** '1'…'9', or NO_SCORE. */
  readonly score: string;
  /** A channel, or null (comments stored before the channel was kept). */
  readonly channel: string | null;
  readonly count: number;
}

/** A list of suggestions by the filters that make it: a score, a channel, both, or neither (the month's). */
export interface ListFilter {
  readonly score?: string | undefined;
  readonly channel?: string | undefined;
}

const cellKey = (c: { score: string; channel: string | null }) => `${c.score}|${c.channel ?? ''}`;
const inList = (c: SuggestionCell, list: ListFilter) =>
  (list.score === undefined || c.score === list.score) &&
  (list.channel === undefined || c.channel === list.channel);

/**
 * Which lists of a month's suggestions are published. Texts, unlike counts, can be intersected
 * and subtracted: two lists shown side by side show their common part and what each has that the
 * other has not. So the lists published are chosen so that every such part (an atom of the lists
 * shown: the suggestions that lie in exactly the same of them) holds none or at least k
 * suggestions. The month's list first (when its count is shown), then each score's, then each
 * channel's whose count the results show (`channelShown`), each added only if the parts stay at k.
 * A list asked for is published when it is a union of those parts: it reveals nothing more.
 *
 * @example const lists = publishedLists(cells, { monthShown: true, channelShown: () => true }, 10);
 *   lists.isPublished({ score: '1' }) // → false when 0 < (suggestions with score 1) < 10
 */
export function publishedLists(
  cells: readonly SuggestionCell[],
  shown: { readonly monthShown: boolean; readonly channelShown: (channel: string) => boolean },
  k: number,
): { isPublished(list: ListFilter): boolean } {
  const lists: ListFilter[] = [];
  const atoms = (candidate: readonly ListFilter[]) => {
    const sizes = new Map<string, number>();
    const atomOf = new Map<string, string>();
    for (const c of cells) {
      const signature = candidate.map((l) => (inList(c, l) ? '1' : '0')).join('');
      atomOf.set(cellKey(c), signature);
      sizes.set(signature, (sizes.get(signature) ?? 0) + c.count);
    }
    return { atomOf, safe: [...sizes.values()].every((n) => n === 0 || n >= k) };
  };
  const tryAdd = (list: ListFilter) => {
    if (atoms([...lists, list]).safe) lists.push(list);
  };
  if (shown.monthShown) {
    tryAdd({});
    if (lists.length > 0) {
      for (const score of [...new Set(cells.map((c) => c.score))].sort()) tryAdd({ score });
      for (const channel of [
        ...new Set(cells.flatMap((c) => (c.channel === null ? [] : [c.channel]))),
      ].sort())
        if (shown.channelShown(channel)) tryAdd({ channel });
    }
  }
  const { atomOf } = atoms(lists);
  return {
    isPublished(list) {
      if (lists.length === 0) return false;
      // a union of parts: every part lies wholly inside the list or wholly outside it
      const inside = new Map<string, boolean>();
      for (const c of cells) {
        const atom = atomOf.get(cellKey(c))!;
        const known = inside.get(atom);
        if (known !== undefined && known !== inList(c, list)) return false;
        inside.set(atom, inList(c, list));
      }
      return true;
    },
  };
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
