import { sql } from 'kysely';
import type { Channel } from '../domain/response.js';
import type { Db } from './database.js';

export interface OpeningCount {
  readonly serviceId: string;
  readonly day: string;
  readonly channel: Channel;
  readonly count: number;
}

/** Adds opening counts (one statement; rows in key order so concurrent writers never deadlock). */
export async function addOpenings(db: Db, counts: readonly OpeningCount[]): Promise<void> {
  if (counts.length === 0) return;
  const sorted = [...counts].sort((a, b) =>
    `${a.serviceId}${a.day}${a.channel}`.localeCompare(`${b.serviceId}${b.day}${b.channel}`),
  );
  await db
    .insertInto('opening')
    .values(sorted.map((c) => ({ ...c })))
    .onConflict((oc) =>
      oc.columns(['serviceId', 'day', 'channel']).doUpdateSet({ count: sql`opening.count + excluded.count` }),
    )
    .execute();
}
