/**
 * Computes ahead what the console's dashboards open on, so that the first person to open one after
 * a start, a rebuild or the close of a month does not wait for the rollups to be read and decided
 * (ADR 23). For the newest closed quarter (the console's default period) and the newest closed
 * month: each service's dashboard as its ente's staff see it, and the national overview as the
 * central office sees it, through the same `resultsFor` as the API, so the results are kept under
 * the same keys. A pass first compares what the dashboards read (the months, their generations,
 * the services) with the last pass, and does nothing when that is unchanged: between the close of
 * two months, releases raise only the running month's generation.
 */
import type { Principal } from '../domain/governance/roles.js';
import { trendOfMonth } from '../domain/periods.js';
import type { ServiceRef } from '../domain/results.js';
import type { ResultsQuery } from '../domain/results-plan.js';
import { resultServices } from '../store/results.js';
import {
  benchmarkFor,
  coverageFor,
  enteReader,
  periodsFor,
  resultsFor,
  servicesKey,
  type ResultsSource,
} from './read.js';

/** The central office, as the warmer reads its national overview. */
const CENTRAL: Principal = { kind: 'cli', operator: 'results-warmer' };

/** The periods a dashboard opens on: the newest closed quarter and month, each with its trend. */
function dashboardPeriods(closed: {
  months: readonly string[];
  quarters: readonly string[];
  years: readonly string[];
}) {
  const out: { period: string; trend: string | null }[] = [];
  const quarter = closed.quarters[0];
  if (quarter) out.push({ period: quarter, trend: quarter });
  const month = closed.months[0];
  if (month) out.push({ period: month, trend: trendOfMonth(month, closed) });
  return out;
}

export class ResultsWarmer {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** What the last pass read, to skip a pass when nothing changed. */
  private last = '';

  constructor(
    private readonly source: ResultsSource,
    private readonly now: () => Date,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Warms now, then every `intervalMs`; passes never overlap. */
  start(intervalMs: number): void {
    const tick = () => {
      this.pass = this.pass.then(() => this.warm()).catch(this.onError);
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  /**
   * One pass: the dashboards of every service and the national overview, unless nothing they read
   * changed since the last pass. Returns how many dashboards it computed, each for both its
   * periods (0 when it skipped).
   */
  async warm(): Promise<number> {
    const at = this.now();
    const services = await resultServices(this.source.db, this.source.cache.definitions);
    const national = await periodsFor(this.source, CENTRAL, services, at);
    const months = national.months;
    if (months.length === 0) return 0;
    const range = { first: months[months.length - 1]!, last: months[0]! };
    const state = JSON.stringify([
      months[0],
      await this.source.cache.generation(range),
      servicesKey(services),
    ]);
    if (state === this.last) return 0;
    let dashboards = 0;
    let failed = false;
    // an ente's services one after the other: their dashboards share the ente's cubes
    const byEnte = [...services].sort((a, b) => a.enteId.localeCompare(b.enteId));
    for (const service of byEnte) {
      if (this.stopped) return dashboards;
      try {
        await this.serviceDashboards(service, at);
        dashboards++;
      } catch (error) {
        // the others are still worth computing; the next pass tries again
        failed = true;
        this.onError(error);
      }
    }
    for (const { period, trend } of dashboardPeriods(national)) {
      if (this.stopped) return dashboards;
      await Promise.all([
        resultsFor(this.source, CENTRAL, { period, groupBy: 'service' }, at),
        resultsFor(this.source, CENTRAL, { period, groupBy: 'region' }, at),
        trend ? resultsFor(this.source, CENTRAL, { period: trend, groupBy: 'month' }, at) : null,
        coverageFor(this.source, CENTRAL, period, at),
      ]);
    }
    dashboards++;
    if (!failed) this.last = state;
    return dashboards;
  }

  /** A service's dashboard, as `ServiceDashboard.tsx` asks for it, for each period it opens on. */
  private async serviceDashboards(service: ServiceRef, at: Date): Promise<void> {
    const reader = enteReader(service.enteId, 'results-warmer');
    const closed = await periodsFor(this.source, reader, [service], at);
    for (const { period, trend } of dashboardPeriods(closed)) {
      const asked = (more: Partial<ResultsQuery>) =>
        resultsFor(this.source, reader, { period, service: service.slug, ...more }, at);
      await Promise.all([
        asked({}),
        trend
          ? resultsFor(this.source, reader, { period: trend, service: service.slug, groupBy: 'month' }, at)
          : null,
        asked({ groupBy: 'channel' }),
        asked({ groupBy: 'device' }),
        benchmarkFor(this.source, reader, { service: service.slug, period }, at),
      ]);
    }
  }

  /** Stops the timer and waits for a pass in progress to end (at the next dashboard). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.pass;
  }
}
