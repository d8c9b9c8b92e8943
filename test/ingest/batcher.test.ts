import { describe, expect, it } from 'vitest';
import { ValutaError } from '../../src/domain/errors.js';
import { GroupCommitBatcher } from '../../src/ingest/batcher.js';

function recordingFlush(delayMs = 5) {
  const batches: number[][] = [];
  let running = 0;
  let maxRunning = 0;
  const flush = async (items: readonly number[]) => {
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    batches.push([...items]);
    await new Promise((r) => setTimeout(r, delayMs));
    running -= 1;
    return items.map((i) => i * 10);
  };
  return { flush, batches, maxRunning: () => maxRunning };
}

describe('group commit batcher', () => {
  it('resolves each caller with its own result after the flush that carries it', async () => {
    const { flush, batches } = recordingFlush();
    const batcher = new GroupCommitBatcher(flush, {
      batchSize: 100,
      maxWaitMs: 5,
      maxQueue: 1000,
      concurrency: 1,
    });
    const results = await Promise.all([1, 2, 3].map((i) => batcher.add(i)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('adds no wait on an idle server, and gathers what arrives while a commit is in flight', async () => {
    const { flush, batches } = recordingFlush(20);
    const batcher = new GroupCommitBatcher(flush, {
      batchSize: 100,
      maxWaitMs: 60_000,
      maxQueue: 1000,
      concurrency: 1,
    });
    const first = batcher.add(1); // nothing in flight: leaves at once, not after 60 s
    await new Promise((r) => setTimeout(r, 5)); // the first commit is now in flight
    const rest = [2, 3, 4, 5].map((i) => batcher.add(i));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('flushes at batchSize without waiting, and never runs more flushes than allowed', async () => {
    const { flush, batches, maxRunning } = recordingFlush();
    const batcher = new GroupCommitBatcher(flush, {
      batchSize: 4,
      maxWaitMs: 10_000,
      maxQueue: 1000,
      concurrency: 2,
    });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.add(i)));
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i * 10));
    expect(batches.slice(0, 2)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(maxRunning()).toBe(2);
  });

  it('answers 503 (overloaded, with Retry-After) when the queue is full, and loses nothing accepted', async () => {
    const { flush } = recordingFlush(20);
    const batcher = new GroupCommitBatcher(flush, {
      batchSize: 2,
      maxWaitMs: 1,
      maxQueue: 3,
      concurrency: 1,
    });
    const accepted = [batcher.add(1), batcher.add(2)]; // flushed at once (batch of 2)
    const queued = [batcher.add(3), batcher.add(4), batcher.add(5)]; // waiting: queue full
    const refused = batcher.add(6);
    await expect(refused).rejects.toMatchObject({ code: 'VALUTA_ERR_OVERLOADED', retryAfterSeconds: 1 });
    expect(await Promise.all([...accepted, ...queued])).toEqual([10, 20, 30, 40, 50]);
  });

  it('rejects every caller of a failed flush, and carries on with the next', async () => {
    let fail = true;
    const batcher = new GroupCommitBatcher(
      async (items: readonly number[]) => {
        if (fail) {
          fail = false;
          throw new ValutaError('VALUTA_ERR_DATABASE_UNAVAILABLE', 'down', [], 5);
        }
        return items;
      },
      { batchSize: 2, maxWaitMs: 1, maxQueue: 10, concurrency: 1 },
    );
    const first = [batcher.add(1), batcher.add(2)];
    await expect(first[0]).rejects.toMatchObject({ code: 'VALUTA_ERR_DATABASE_UNAVAILABLE' });
    await expect(first[1]).rejects.toMatchObject({ code: 'VALUTA_ERR_DATABASE_UNAVAILABLE' });
    expect(await batcher.add(3)).toBe(3);
  });

  it('fails only the item whose result is an error', async () => {
    const batcher = new GroupCommitBatcher(
      async (items: readonly number[]) => items.map((i) => (i === 2 ? new Error('refused') : i)),
      { batchSize: 10, maxWaitMs: 1, maxQueue: 10, concurrency: 1 },
    );
    const [one, two, three] = [1, 2, 3].map((i) => batcher.add(i));
    await expect(two).rejects.toThrow('refused');
    expect(await Promise.all([one, three])).toEqual([1, 3]);
  });

  it('flushes everything accepted on close, then refuses new items', async () => {
    const { flush, batches } = recordingFlush();
    const batcher = new GroupCommitBatcher(flush, {
      batchSize: 1000,
      maxWaitMs: 60_000,
      maxQueue: 1000,
      concurrency: 1,
    });
    const pending = Array.from({ length: 5 }, (_, i) => batcher.add(i));
    await batcher.close();
    expect(await Promise.all(pending)).toEqual([0, 10, 20, 30, 40]);
    expect(batches.flat()).toEqual([0, 1, 2, 3, 4]);
    await expect(batcher.add(9)).rejects.toMatchObject({ code: 'VALUTA_ERR_SHUTTING_DOWN' });
  });
});
