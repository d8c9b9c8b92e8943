import { sql } from 'kysely';
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
