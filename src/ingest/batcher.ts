import { ValutaError } from '../domain/errors.js';

export interface BatcherOptions {
  /** Flush as soon as this many items wait. */
  readonly batchSize: number;
  /** Flush items that have waited this long, even if the batch is not full. */
  readonly maxWaitMs: number;
  /** Refuse new items (503) while this many wait. */
  readonly maxQueue: number;
  /** Flushes in flight at once. */
  readonly concurrency: number;
}

interface Pending<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: callers add items one by one and each waits for the flush (one transaction)
 * that carries it. Under load batches grow, so throughput rises while latency stays bounded.
 */
export class GroupCommitBatcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(
    /** Commits a batch; a result that is an Error fails that item alone, a rejection fails them all. */
    private readonly flush: (items: readonly T[]) => Promise<readonly (R | Error)[]>,
    private readonly options: BatcherOptions,
  ) {}

  /** Items waiting for a flush. */
  get depth(): number {
    return this.queue.length;
  }

  /** Resolves with the item's result once the flush carrying it has committed. */
  add(item: T): Promise<R> {
    if (this.closed)
      return Promise.reject(
        new ValutaError('VALUTA_ERR_SHUTTING_DOWN', 'The server is shutting down', [], 5),
      );
    if (this.queue.length >= this.options.maxQueue) {
      return Promise.reject(
        new ValutaError('VALUTA_ERR_OVERLOADED', 'Too many submissions are waiting', [], 1),
      );
    }
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Stops accepting items and waits until everything accepted has been flushed. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queue.length > 0 || this.inFlight.size > 0) {
      if (this.queue.length > 0 && this.inFlight.size < this.options.concurrency) this.startFlush();
      else await Promise.race(this.inFlight);
    }
  }

  /**
   * A full batch leaves at once. Otherwise, when no commit is in flight, the batch leaves on the
   * next turn of the event loop (whatever arrived in this turn goes along): an idle server adds
   * no waiting. While commits are in flight, submissions gather until a slot frees up, a batch
   * fills, or the oldest has waited maxWaitMs.
   */
  private schedule(due = false): void {
    if (this.queue.length === 0 || this.inFlight.size >= this.options.concurrency) return;
    if (this.queue.length >= this.options.batchSize || this.closed) {
      this.startFlush();
      this.schedule();
    } else if (due || this.inFlight.size === 0) {
      this.immediate ??= setImmediate(() => {
        this.immediate = undefined;
        if (this.queue.length > 0 && this.inFlight.size < this.options.concurrency) this.startFlush();
      });
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.schedule(true);
      }, this.options.maxWaitMs);
    }
  }

  private startFlush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue.splice(0, this.options.batchSize);
    const run = this.flush(batch.map((p) => p.item))
      .then(
        (results) =>
          batch.forEach((p, i) => {
            const result = results[i];
            if (result instanceof Error) p.reject(result);
            else p.resolve(result as R);
          }),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      )
      .finally(() => {
        this.inFlight.delete(run);
        // What arrived during this commit has already waited: it goes next.
        this.schedule(true);
      });
    this.inFlight.add(run);
  }
}
