/** The rollups as stored, and as recounted from the released responses (the oracle of the rollup tests). */
import { italianDay } from '../../src/domain/time.js';
import type { Db } from '../../src/store/database.js';

type Counted = Map<string, number>;

/** The rollups recounted from the released responses and their comments, keyed as the tables are. */
export async function recountRollups(db: Db) {
  const responses = await db
    .selectFrom('response')
    .select([
      'serviceId',
      'questionnaireVersionId',
      'submittedHour',
      'channel',
      'deviceClass',
      'lang',
      'verified',
      'answers',
      'textItems',
    ])
    .execute();
  const itemDay: Counted = new Map();
  const itemMonth: Counted = new Map();
  const responseDay: Counted = new Map();
  const month: Counted = new Map();
  const add = (map: Counted, ...key: unknown[]) => map.set(key.join('|'), (map.get(key.join('|')) ?? 0) + 1);
  for (const r of responses) {
    const day = italianDay(r.submittedHour);
    const breakdown = [r.channel, r.deviceClass, r.lang, r.verified];
    add(responseDay, r.serviceId, r.questionnaireVersionId, day, ...breakdown);
    add(month, r.serviceId, r.questionnaireVersionId, day.slice(0, 7), r.channel, '#', '*');
    const contributions: [string, string][] = r.textItems.map((code) => [code, '*']);
    for (const [code, value] of Object.entries(r.answers)) {
      contributions.push([code, '*']);
      for (const v of Array.isArray(value) ? value : [value]) contributions.push([code, String(v)]);
    }
    for (const [code, value] of contributions) {
      add(itemDay, r.serviceId, r.questionnaireVersionId, day, code, value);
      add(itemMonth, r.serviceId, r.questionnaireVersionId, day.slice(0, 7), ...breakdown, code, value);
      add(month, r.serviceId, r.questionnaireVersionId, day.slice(0, 7), r.channel, code, value);
    }
  }
  return { itemDay, itemMonth, month, responseDay };
}

export async function storedRollups(db: Db) {
  const asMap = (rows: { key: unknown[]; count: number }[]) =>
    new Map(rows.filter((r) => Number(r.count) > 0).map((r) => [r.key.join('|'), Number(r.count)]));
  return {
    itemDay: asMap(
      (await db.selectFrom('rollupItemDay').selectAll().execute()).map((r) => ({
        key: [r.serviceId, r.questionnaireVersionId, r.day, r.itemCode, r.value],
        count: r.count,
      })),
    ),
    itemMonth: asMap(
      (await db.selectFrom('rollupItemMonth').selectAll().execute()).map((r) => ({
        key: [
          r.serviceId,
          r.questionnaireVersionId,
          r.month.slice(0, 7),
          r.channel,
          r.deviceClass,
          r.lang,
          r.verified,
          r.itemCode,
          r.value,
        ],
        count: r.count,
      })),
    ),
    month: asMap(
      (await db.selectFrom('rollupMonth').selectAll().execute()).map((r) => ({
        key: [r.serviceId, r.questionnaireVersionId, r.month.slice(0, 7), r.channel, r.itemCode, r.value],
        count: r.count,
      })),
    ),
    responseDay: asMap(
      (await db.selectFrom('rollupResponseDay').selectAll().execute()).map((r) => ({
        key: [r.serviceId, r.questionnaireVersionId, r.day, r.channel, r.deviceClass, r.lang, r.verified],
        count: r.count,
      })),
    ),
  };
}
