import type { Db } from '../store/database.js';
import { releaseComments } from '../store/comments.js';
import { releaseResponses } from '../store/responses.js';

/**
 * Runs the releases every `intervalMs`: pending responses (`releaseResponses`), then pending
 * comments (`releaseComments`), each by a transaction of its own so that a comment never shares
 * one with its response. A failed run is logged and retried at the next tick: what was
 * acknowledged waits, durable, in the pending tables.
 */
export class Release {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();

  constructor(db: Db, minimum: number, intervalMs: number, onError: (error: unknown) => void) {
    this.timer = setInterval(() => {
      this.running = this.running
        .then(() => releaseResponses(db, minimum))
        .then(() => releaseComments(db, minimum))
        .catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops releasing; what is still pending stays pending until the next start. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
