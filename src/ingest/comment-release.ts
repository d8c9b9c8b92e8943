import type { Db } from '../store/database.js';
import { releaseComments } from '../store/comments.js';

/**
 * Runs the comment release every `intervalMs` (see `releaseComments`). A failed run is logged
 * and retried at the next tick: the comments wait, durable, in `comment_pending`.
 */
export class CommentRelease {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();

  constructor(db: Db, minimum: number, intervalMs: number, onError: (error: unknown) => void) {
    this.timer = setInterval(() => {
      this.running = releaseComments(db, minimum).catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops releasing; what is still pending stays pending until the next start. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
