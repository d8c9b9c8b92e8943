import type { PeriodCounts } from '../domain/summary.js';
import type { Db } from './database.js';

export interface Period {
  /** First day included, YYYY-MM-DD. */
  readonly from?: string | undefined;
  /** Last day included, YYYY-MM-DD. */
  readonly to?: string | undefined;
}

/** The rollup counts of a service over a period: reads rollups only, never raw responses. */
export async function periodCounts(db: Db, serviceId: string, period: Period): Promise<PeriodCounts> {
  // One snapshot for both reads, so that n and the item counts agree while responses arrive.
  const [items, responses, openings] = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) =>
      Promise.all([
        trx
          .selectFrom('rollup')
          .select(['itemCode', 'value', (eb) => eb.fn.sum<number>('count').as('count')])
          .where('serviceId', '=', serviceId)
          .$if(period.from !== undefined, (q) => q.where('day', '>=', period.from as string))
          .$if(period.to !== undefined, (q) => q.where('day', '<=', period.to as string))
          .groupBy(['itemCode', 'value'])
          .execute(),
        trx
          .selectFrom('rollupResponse')
          .select([
            'channel',
            'deviceClass',
            'lang',
            'verified',
            (eb) => eb.fn.sum<number>('count').as('count'),
          ])
          .where('serviceId', '=', serviceId)
          .$if(period.from !== undefined, (q) => q.where('day', '>=', period.from as string))
          .$if(period.to !== undefined, (q) => q.where('day', '<=', period.to as string))
          .groupBy(['channel', 'deviceClass', 'lang', 'verified'])
          .execute(),
        trx
          .selectFrom('opening')
          .select(['channel', (eb) => eb.fn.sum<number>('count').as('count')])
          .where('serviceId', '=', serviceId)
          .$if(period.from !== undefined, (q) => q.where('day', '>=', period.from as string))
          .$if(period.to !== undefined, (q) => q.where('day', '<=', period.to as string))
          .groupBy('channel')
          .execute(),
      ]),
    );
  const itemCounts = new Map<string, Map<string, number>>();
  for (const row of items) {
    const values = itemCounts.get(row.itemCode) ?? new Map<string, number>();
    values.set(row.value, Number(row.count));
    itemCounts.set(row.itemCode, values);
  }
  const tally = (key: 'channel' | 'deviceClass' | 'lang') => {
    const map = new Map<string, number>();
    for (const row of responses) map.set(row[key], (map.get(row[key]) ?? 0) + Number(row.count));
    return map;
  };
  return {
    items: itemCounts,
    byChannel: tally('channel'),
    byDevice: tally('deviceClass'),
    byLang: tally('lang'),
    verified: responses.filter((r) => r.verified).reduce((sum, r) => sum + Number(r.count), 0),
    openingsByChannel: new Map(openings.map((r) => [r.channel, Number(r.count)])),
  };
}
