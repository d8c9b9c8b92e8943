/**
 * Publishing open data: a closed month's snapshot stored as a new release, frozen (ADR 26). The
 * first release of a month needs no reason; a correction (release > 1) needs a note. The
 * central office only (`open-data:publish`).
 */
import { ValutaError } from '../domain/errors.js';
import { OPEN_DATA_MONTH } from '../domain/open-data.js';
import { closedPeriods, isClosed, parsePeriod } from '../domain/periods.js';
import { snapshotOf } from '../open-data/snapshot.js';
import type { ResultsSource } from '../results/read.js';
import { firstMonth, responsesInMonth } from '../store/results.js';
import {
  insertRelease,
  latestReleaseNumber,
  listReleases,
  type OpenDataReleaseInfo,
} from '../store/open-data.js';
import { actorOf, authorize, runCommand, type CommandContext } from './command.js';

export interface PublishOpenData {
  /** 'YYYY-MM', closed. */
  readonly month: string;
  /** Why: required for a correction. */
  readonly note?: string | undefined;
}

/** The results a snapshot is read from: the command's database, with the results cache and k. */
export type OpenDataSource = Pick<ResultsSource, 'cache' | 'k'>;

/** Publishes the month's next release; its audit entry `open-data.publish` is written with it. */
export async function publishOpenData(
  ctx: CommandContext,
  source: OpenDataSource,
  input: PublishOpenData,
): Promise<OpenDataReleaseInfo> {
  authorize(ctx.principal, 'open-data:publish', null);
  const { month } = input;
  if (!OPEN_DATA_MONTH.test(month))
    throw new ValutaError('VALUTA_ERR_VALIDATION', 'The month is YYYY-MM, e.g. 2026-10', [
      { item: 'month', code: 'format', detail: `"${month}" is not a month (YYYY-MM)` },
    ]);
  const now = ctx.now();
  if (!isClosed(parsePeriod(month), now))
    throw new ValutaError(
      'VALUTA_ERR_INVALID_TRANSITION',
      `${month} is not closed yet: a month is published from the second day of the next one`,
      [{ item: 'month', code: 'not-closed', detail: `${month} is not closed` }],
    );
  const note = input.note?.trim() || null;
  const correction = (await latestReleaseNumber(ctx.db, month)) > 0;
  if (correction && note === null)
    throw new ValutaError('VALUTA_ERR_VALIDATION', `${month} is published: a correction needs a note`, [
      { item: 'note', code: 'required', detail: 'say why the month is published again' },
    ]);
  const body = await snapshotOf({ ...source, db: ctx.db }, month, now);
  return runCommand(ctx, async (trx) => {
    const release = await insertRelease(trx, {
      body,
      publishedBy: actorOf(ctx.principal).actorLabel,
      note,
      at: now,
    });
    if (release.release > 1 && note === null)
      // published by someone else meanwhile: this one is a correction, which needs its note
      throw new ValutaError('VALUTA_ERR_VALIDATION', `${month} is published: a correction needs a note`, [
        { item: 'note', code: 'required', detail: 'say why the month is published again' },
      ]);
    return {
      result: release,
      audit: {
        action: 'open-data.publish',
        targetKind: 'open-data-release',
        targetId: `${month}/${release.release}`,
        enteId: null,
        summary: { month, release: release.release, note, rows: body.rows.length },
      },
    };
  });
}

/** Publishes every closed month with responses that has no release yet, oldest first (the demo's). */
export async function publishUnpublishedMonths(
  ctx: CommandContext,
  source: OpenDataSource,
): Promise<OpenDataReleaseInfo[]> {
  authorize(ctx.principal, 'open-data:publish', null);
  const ids = (await ctx.db.selectFrom('service').select('id').execute()).map((s) => s.id);
  const first = await firstMonth(ctx.db, ids);
  if (first === undefined) return [];
  const published = new Set((await listReleases(ctx.db)).map((r) => r.month));
  const out: OpenDataReleaseInfo[] = [];
  for (const month of closedPeriods(first, ctx.now()).months.reverse())
    if (!published.has(month) && (await responsesInMonth(ctx.db, ids, month)) > 0)
      out.push(await publishOpenData(ctx, source, { month }));
  return out;
}
