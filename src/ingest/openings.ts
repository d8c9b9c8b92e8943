import type { Channel } from '../domain/response.js';
import { italianDay } from '../domain/time.js';
import type { Db } from '../store/database.js';
import { addOpenings, type OpeningCount } from '../store/openings.js';
import type { ServiceDirectory } from '../store/service-directory.js';

/**
 * Counts openings of questionnaires (the widget opened, the hosted page served) per service,
 * day and channel, for response rates. Counted in memory and written every `flushMs`: an
 * opening is a statistic, not an acknowledged record, so a crash may lose a few seconds of them.
 */
export class OpeningCounter {
  private pending = new Map<string, OpeningCount>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly directory: ServiceDirectory,
    flushMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  /** Counts one opening of the questionnaire of `slug`; throws if no active service has it. */
  async count(slug: string, channel: Channel): Promise<void> {
    const service = await this.directory.activeService(slug);
    const day = italianDay(this.clock());
    const key = `${service.id}|${day}|${channel}`;
    const current = this.pending.get(key);
    this.pending.set(key, { serviceId: service.id, day, channel, count: (current?.count ?? 0) + 1 });
  }

  /** Writes the counts gathered so far; on failure they are kept for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batch = this.pending;
      if (batch.size === 0) return;
      this.pending = new Map();
      try {
        await addOpenings(this.db, [...batch.values()]);
      } catch (error) {
        for (const [key, c] of batch) {
          const later = this.pending.get(key);
          this.pending.set(key, { ...c, count: c.count + (later?.count ?? 0) });
        }
        this.onError(error);
      }
    });
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
