/** Suggestions as a table: the redacted texts a suggestions view lists, with what they carry. */
import type { SuggestionsView } from '../domain/suggestions.js';
import { tableOf } from './tables.js';

const SUGGESTION_COLUMNS = ['month', 'item_code', 'lang', 'score', 'channel', 'text'] as const;

/** The suggestions of a view (every page of it), one row each. */
export function suggestionsTable(view: SuggestionsView) {
  return tableOf(
    'Suggerimenti',
    SUGGESTION_COLUMNS,
    view.suggestions.map((s) => ({
      month: view.period.key,
      item_code: s.itemCode,
      lang: s.lang,
      score: s.score,
      channel: s.channel,
      text: s.text,
    })),
  );
}
