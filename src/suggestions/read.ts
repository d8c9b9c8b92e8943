/**
 * Reading suggestions (the released comments) of a service's month as the principal may: their
 * statuses from the results (so that a list is shown exactly when its count is), a second
 * redaction pass on every text, the text search and the themes over the redacted texts only.
 */
import { ValutaError } from '../domain/errors.js';
import type { Principal } from '../domain/governance/roles.js';
import type { Period } from '../domain/periods.js';
import { redactPersonalData } from '../domain/privacy/redaction.js';
import { BREAKDOWNS } from '../domain/results-cube.js';
import type { ResultRowView } from '../domain/results-view.js';
import {
  NO_SCORE,
  publishedLists,
  themesOf,
  type ListFilter,
  type SuggestionCell,
  type SuggestionsView,
  type SuggestionView,
} from '../domain/suggestions.js';
import { commentCells, commentsOf, matchingTexts, tokenize } from '../store/comments.js';
import { isCentral, resultsFor, visibleService, type ResultsSource } from '../results/read.js';
import { askedPeriod } from '../domain/results-plan.js';

export interface SuggestionsQuery {
  readonly service: string;
  /** A month 'YYYY-MM'; the latest closed month when absent. */
  readonly period?: string | undefined;
  /** '1'…'5' (the answer to the overall item) or 'none'. */
  readonly score?: string | undefined;
  readonly channel?: string | undefined;
  /** A web-search-style query: words, "a phrase", -excluded. */
  readonly q?: string | undefined;
  /** From 1. */
  readonly page?: number | undefined;
}

const PAGE_SIZE = 20;
const THEMES = 10;

/** The text item's count in a results row, withheld or not (a service has one free-text item). */
function textItemWithheld(row: ResultRowView): boolean {
  return row.items.some((item) => item.type === 'text' && item.n.withheld);
}

const inChannel = (c: SuggestionCell, channel: string | undefined) =>
  channel === undefined || c.channel === channel;
const countOf = (cells: readonly SuggestionCell[], score: string, channel: string | undefined) =>
  cells.filter((c) => c.score === score && inChannel(c, channel)).reduce((sum, c) => sum + c.count, 0);

/** The month a suggestions query asks for, checked against what the principal may see. */
function suggestionsMonth(query: { period?: string | undefined }, central: boolean, now: Date): Period {
  const period = askedPeriod({ period: query.period }, central, now);
  if (period.kind !== 'month')
    throw new ValutaError('VALUTA_ERR_VALIDATION', 'Suggestions are read by month (YYYY-MM)', [
      { item: 'period', code: 'pattern', detail: 'a month, YYYY-MM' },
    ]);
  return period;
}

/** The parsed score filter: a value, null for 'none', undefined for no filter. */
function scoreFilter(score: string | undefined): number | null | undefined {
  if (score === undefined) return undefined;
  if (score === NO_SCORE) return null;
  if (!/^[1-9]$/.test(score))
    throw new ValutaError('VALUTA_ERR_VALIDATION', '`score` is an answer 1–9 or "none"', [
      { item: 'score', code: 'enum', detail: '1–9 or none' },
    ]);
  return Number(score);
}

/**
 * The suggestions of a service's month as the principal may read them (GET /api/v1/results/suggestions).
 * Ente users: closed months, and the lists `publishedLists` publishes (withheld otherwise).
 * `everyPage`: every suggestion that matches, not one page (exports).
 */
export async function suggestionsFor(
  source: ResultsSource,
  principal: Principal,
  query: SuggestionsQuery,
  now: Date,
  { everyPage = false }: { readonly everyPage?: boolean } = {},
): Promise<SuggestionsView> {
  const central = isCentral(principal);
  const period = suggestionsMonth(query, central, now);
  const score = scoreFilter(query.score);
  if (query.channel !== undefined && !(BREAKDOWNS.channel as readonly string[]).includes(query.channel))
    throw new ValutaError(
      'VALUTA_ERR_VALIDATION',
      `\`channel\` must be one of ${BREAKDOWNS.channel.join(', ')}`,
      [{ item: 'channel', code: 'enum', detail: BREAKDOWNS.channel.join(', ') }],
    );
  const service = await visibleService(source, principal, query.service);

  const range = { serviceId: service.id, from: period.from, to: period.to };
  const cells: SuggestionCell[] = (await commentCells(source.db, range)).map((c) => ({
    score: c.score === null ? NO_SCORE : String(c.score),
    channel: c.channel,
    count: c.count,
  }));
  // what the results publish of the free-text item: the month's count and each channel's
  let lists = { isPublished: (_: ListFilter) => true };
  if (!central) {
    const byChannel = await resultsFor(
      source,
      principal,
      { service: service.slug, period: period.key, groupBy: 'channel' },
      now,
    );
    const channelShown = new Set(
      byChannel.rows.filter((row) => !textItemWithheld(row)).map((row) => row.key),
    );
    lists = publishedLists(
      cells,
      { monthShown: !textItemWithheld(byChannel.total), channelShown: (c) => channelShown.has(c) },
      source.k,
    );
  }
  const asked = { score: query.score, channel: query.channel };
  const withheld = !lists.isPublished(asked);
  const scores = [...new Set(cells.filter((c) => inChannel(c, query.channel)).map((c) => c.score))].sort();
  const filters = Object.fromEntries(
    Object.entries({ score: query.score, channel: query.channel, q: query.q }).filter(
      ([, v]) => v !== undefined,
    ),
  ) as Record<string, string>;
  const base = {
    service: { slug: service.slug, name: service.name },
    period: { key: period.key, kind: period.kind, from: period.from, to: period.to },
    k: source.k,
    disclosureControl: !central,
    filters,
    page: query.page ?? 1,
    pageSize: PAGE_SIZE,
    byScore: scores.map((s) =>
      lists.isPublished({ score: s, channel: query.channel })
        ? { score: s, count: { count: countOf(cells, s, query.channel), withheld: false } }
        : { score: s, count: { count: null, withheld: true } },
    ),
  };
  if (withheld)
    return {
      ...base,
      withheld: true,
      total: null,
      matched: null,
      suggestions: [],
      themes: { terms: [], bigrams: [] },
    };

  const rows = await commentsOf(source.db, { ...range, channel: query.channel, score });
  // the second redaction pass: text stored before a detector improved is scrubbed too
  // Ente users see each text without its score and channel: those would count the lists by score and
  // by channel that disclosure control withholds; the filters give them the lists it shows.
  const all: SuggestionView[] = rows.map((r) => ({
    ...r,
    text: redactPersonalData(r.text),
    score: central ? r.score : null,
    channel: central ? r.channel : null,
  }));
  // search and themes see the redacted texts only, so that no query can probe what was scrubbed
  const matching =
    query.q === undefined
      ? all
      : [
          ...(await matchingTexts(
            source.db,
            all.map((s) => s.text),
            query.q,
          )),
        ]
          .sort((a, b) => a - b)
          .map((i) => all[i]!);
  const words = all.map((s) => s.text.replace(/\[[a-z-]+\]/g, ' . '));
  const tokens = await tokenize(source.db, words);
  const start = (base.page - 1) * PAGE_SIZE;
  return {
    ...base,
    withheld: false,
    total: all.length,
    matched: matching.length,
    suggestions: everyPage ? matching : matching.slice(start, start + PAGE_SIZE),
    themes: themesOf(
      all.map((s, i) => ({ text: s.text, tokens: tokens[i]! })),
      THEMES,
    ),
  };
}
