import { sql } from 'kysely';
import type { Channel } from '../domain/response.js';
import type { Db } from './database.js';
import { raiseGenerations } from './results-cache.js';

export interface OpeningCount {
  readonly serviceId: string;
  readonly day: string;
  readonly channel: Channel;
  readonly count: number;
}

/**
 * Adds opening counts and raises the rollups' generation of their months (results kept from
 * them read openings too: store/results-cache.ts), in one transaction; rows in key order so
 * concurrent writers never deadlock.
 */
export async function addOpenings(db: Db, counts: readonly OpeningCount[]): Promise<void> {
  if (counts.length === 0) return;
  const sorted = [...counts].sort((a, b) =>
    `${a.serviceId}${a.day}${a.channel}`.localeCompare(`${b.serviceId}${b.day}${b.channel}`),
  );
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('opening')
      .values(sorted.map((c) => ({ ...c })))
      .onConflict((oc) =>
        oc
          .columns(['serviceId', 'day', 'channel'])
          .doUpdateSet({ count: sql`opening.count + excluded.count` }),
      )
      .execute();
    await raiseGenerations(
      trx,
      sorted.map((c) => `${c.day.slice(0, 7)}-01`),
    );
  });
}
