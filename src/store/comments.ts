import { sql } from 'kysely';
import type { Token } from '../domain/suggestions.js';
import type { Db } from './database.js';

/**
 * Releases pending comments into `comment`: for each service, once at least `minimum` are
 * waiting, or once the oldest is from an earlier Italian day. They are moved in random order
 * by a transaction of their own, so that neither the transaction that wrote a comment nor its
 * position on disk ties it to the response it came with (ADR 4).
 *
 * @returns how many comments were released
 */
export async function releaseComments(db: Db, minimum: number): Promise<number> {
  const { numAffectedRows } = await sql`
    with ready as (
      select service_id from comment_pending
      group by service_id
      having count(*) >= ${minimum} or min(day) < (now() at time zone 'Europe/Rome')::date
    ),
    released as (
      delete from comment_pending p using ready r where p.service_id = r.service_id
      returning p.service_id, p.day, p.item_code, p.lang, p.text, p.channel, p.score
    )
    insert into comment (id, service_id, day, item_code, lang, text, channel, score)
    select gen_random_uuid(), service_id, day, item_code, lang, text, channel, score from released order by random()`.execute(
    db,
  );
  return Number(numAffectedRows ?? 0);
}

/** Which released comments of a service: a range of Italian days, optionally a channel and a score. */
export interface CommentFilter {
  readonly serviceId: string;
  readonly from: string;
  readonly to: string;
  readonly channel?: string | undefined;
  /** An answer to the overall item, or null for the comments of responses that gave none. */
  readonly score?: number | null | undefined;
}

function filtered(db: Db, filter: CommentFilter) {
  let query = db
    .selectFrom('comment')
    .where('serviceId', '=', filter.serviceId)
    .where('day', '>=', filter.from)
    .where('day', '<=', filter.to);
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel as never);
  if (filter.score === null) query = query.where('score', 'is', null);
  else if (filter.score !== undefined) query = query.where('score', '=', filter.score);
  return query;
}

/** The released comments of a range of days by score and channel (null: no answer to the overall item; not kept). */
export async function commentCells(
  db: Db,
  filter: Omit<CommentFilter, 'score' | 'channel'>,
): Promise<{ score: number | null; channel: string | null; count: number }[]> {
  const rows = await filtered(db, filter)
    .select(['score', 'channel', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy(['score', 'channel'])
    .execute();
  return rows.map((r) => ({ score: r.score, channel: r.channel, count: Number(r.count) }));
}

/** The released comments of a filter, as stored, in the order of their random ids (never of time). */
export function commentsOf(db: Db, filter: CommentFilter) {
  return filtered(db, filter)
    .select(['itemCode', 'lang', 'text', 'score', 'channel'])
    .orderBy('id')
    .execute();
}

/**
 * Which of some texts match a web-search-style query (`websearch_to_tsquery`) in the `italian`
 * text search configuration (stemming, stop words): their indexes.
 */
export async function matchingTexts(db: Db, texts: readonly string[], query: string): Promise<Set<number>> {
  if (texts.length === 0) return new Set();
  const { rows } = await sql<{ i: string }>`
    select t.i from unnest(${texts}::text[]) with ordinality as t(text, i)
    where to_tsvector('italian', t.text) @@ websearch_to_tsquery('italian', ${query})`.execute(db);
  return new Set(rows.map((r) => Number(r.i) - 1));
}

/** Word aliases of the default parser whose lexemes are the words themselves (hyphenated words by part). */
const WORDS = new Set(['asciiword', 'word', 'hword_asciipart', 'hword_part']);

/** Some texts split into words by the `italian` text search configuration, with their stems (`ts_debug`). */
export async function tokenize(db: Db, texts: readonly string[]): Promise<Token[][]> {
  const out: Token[][] = texts.map(() => []);
  if (texts.length === 0) return out;
  const { rows } = await sql<{ i: string; alias: string; token: string; lexemes: string[] | null }>`
    select t.i, d.alias, d.token, d.lexemes
    from unnest(${texts}::text[]) with ordinality as t(text, i),
      lateral ts_debug('italian', t.text) with ordinality as d(alias, description, token, dictionaries, dictionary, lexemes, n)
    order by t.i, d.n`.execute(db);
  let afterBreak = false;
  let last = -1;
  for (const row of rows) {
    const i = Number(row.i) - 1;
    if (i !== last) [afterBreak, last] = [false, i];
    if (WORDS.has(row.alias)) {
      const lexeme = row.lexemes?.[0];
      out[i]!.push({ word: row.token.toLowerCase(), stem: lexeme ?? null, afterBreak });
      afterBreak = false;
    } else if (/[.,;:!?()[\]"«»…]/.test(row.token) || row.alias !== 'blank') afterBreak = true;
  }
  return out;
}
