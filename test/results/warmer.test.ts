/**
 * The warmer computes ahead what the console's dashboards open on: after a pass, the requests the
 * console sends for each service's dashboard (as its ente's staff) and for the national overview
 * (as the central office) are all served kept, computing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { trendOfMonth } from '../../src/domain/periods.js';
import type { PeriodsView } from '../../src/domain/results-view.js';
import { rebuildRollups } from '../../src/store/rollups.js';
import { databaseKind, startValuta, type TestValuta } from '../support/database.js';
import { sessionAs, type Session } from '../support/staff.js';

const NOW = new Date('2026-12-02T11:00:00Z');
const HUB = 'inps-hub-prestazioni';

describe(`computing the dashboards ahead (${databaseKind})`, () => {
  let valuta: TestValuta;
  let services: number;
  beforeAll(async () => {
    valuta = await startValuta({}, { clock: () => NOW });
    await seedDemo(valuta.database.db, { responses: 2_000, now: NOW });
    valuta.directory.invalidate();
    services = Number(
      (
        await valuta.database.db
          .selectFrom('service')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '<>', 'draft')
          .executeTakeFirstOrThrow()
      ).n,
    );
  }, 120_000);
  afterAll(() => valuta.dispose());

  const get = async (session: Session, url: string) => {
    const reply = await valuta.app.inject({ url: `/api/v1${url}`, headers: session.headers });
    expect(reply.statusCode, `${url}: ${reply.body}`).toBe(200);
    return reply.json();
  };

  /** What the console asks when a dashboard opens, for the periods it opens on. */
  const openDashboards = async (session: Session, service?: string) => {
    const periods: PeriodsView = await get(
      session,
      `/results/periods${service ? `?service=${service}` : ''}`,
    );
    const quarter = periods.quarters[0]!;
    const month = periods.months[0]!;
    for (const [period, trend] of [
      [quarter, quarter],
      [month, trendOfMonth(month, periods)!],
    ] as const) {
      if (service) {
        const of = `service=${service}`;
        await get(session, `/results?period=${period}&${of}`);
        await get(session, `/results?period=${trend}&${of}&groupBy=month`);
        await get(session, `/results?period=${period}&${of}&groupBy=channel`);
        await get(session, `/results?period=${period}&${of}&groupBy=device`);
        await get(session, `/results/benchmark?${of}&period=${period}`);
      } else {
        await get(session, `/results?period=${period}&groupBy=service`);
        await get(session, `/results?period=${period}&groupBy=region`);
        await get(session, `/results?period=${trend}&groupBy=month`);
        await get(session, `/results/coverage?period=${period}`);
      }
    }
  };

  it("after a pass, every service's dashboard and the national overview are served without computing anything", async () => {
    // every service's dashboard, then the national overview
    expect(await valuta.resultsWarmer.warm()).toBe(services + 1);
    const { computed, kept } = valuta.resultsCache.stats;
    await openDashboards(await sessionAs(valuta, 'ente-analyst', 'inps'), HUB);
    await openDashboards(await sessionAs(valuta, 'ente-analyst', 'c_h501'), 'roma-cambio-residenza');
    await openDashboards(await sessionAs(valuta, 'platform-admin'));
    expect(valuta.resultsCache.stats.computed).toBe(computed);
    expect(valuta.resultsCache.stats.kept).toBeGreaterThan(kept);
  });

  it('skips a pass when nothing the dashboards read changed, and warms again after a rebuild', async () => {
    expect(await valuta.resultsWarmer.warm()).toBe(0);
    await rebuildRollups(valuta.database.db);
    expect(await valuta.resultsWarmer.warm()).toBe(services + 1);
    const { computed } = valuta.resultsCache.stats;
    await openDashboards(await sessionAs(valuta, 'ente-analyst', 'inps'), HUB);
    expect(valuta.resultsCache.stats.computed).toBe(computed);
  });
});
