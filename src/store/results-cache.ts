import { sql, type Transaction } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { Db } from './database.js';
import type { Schema } from './schema.js';

/** The months a result reads, 'YYYY-MM', first and last included. */
export interface MonthRange {
  readonly first: string;
  readonly last: string;
}

/**
 * Raises the generation of some months ('YYYY-MM-01'), in the caller's transaction, month by
 * month: the order in which every writer (the release, a rebuild) locks them.
 */
export async function raiseGenerations(trx: Transaction<Schema>, months: readonly string[]): Promise<void> {
  if (months.length === 0) return;
  await trx
    .insertInto('rollupGeneration')
    .values([...new Set(months)].sort().map((month) => ({ month, generation: 1 })))
    .onConflict((oc) => oc.column('month').doUpdateSet({ generation: sql`rollup_generation.generation + 1` }))
    .execute();
}

/**
 * Results computed from the rollups and the openings, kept under the generations of the months
 * they read: a release raises the generation of the months it moves responses into, the opening
 * counter of the months it adds openings to, and a rebuild of every month, in the same
 * transaction as the rows they write (migration 0006), so nothing kept is served once its months'
 * counts have changed, on any node, and what was computed for closed months outlives the releases
 * into the running month. The keys say everything else a result depends on (who asks, the
 * request, the services and their questionnaire versions), so a result is only ever served to a
 * request that would compute the same. Also the definitions of published questionnaire versions,
 * which never change.
 */
export class ResultsCache {
  private readonly results: LRUCache<string, Promise<unknown>>;
  private readonly large: LRUCache<string, Promise<unknown>>;
  /** Results served kept, and computed, by this process (`/metrics`). */
  readonly stats = { kept: 0, computed: 0 };
  /** Questionnaire definitions by version id. */
  readonly definitions = new Map<string, QuestionnaireDefinition>();

  /**
   * 5,000 results (a view is tens of kilobytes: every service's dashboards, two periods each,
   * fit) and 16 large ones (an ente's or the nation's cubes, megabytes at national scale: they are
   * what views are made from, and only the newest are worth keeping).
   */
  constructor(private readonly db: Db) {
    this.results = new LRUCache({ max: 5_000 });
    this.large = new LRUCache({ max: 16 });
  }

  /**
   * The rollups' generation of some months now: the sum of theirs, which grows whenever any of
   * them is raised (generations only grow).
   */
  async generation(months: MonthRange): Promise<number> {
    const row = await this.db
      .selectFrom('rollupGeneration')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('generation'), eb.lit(0)).as('generation'))
      .where('month', '>=', `${months.first}-01`)
      .where('month', '<=', `${months.last}-01`)
      .executeTakeFirstOrThrow();
    return Number(row.generation);
  }

  /**
   * What `compute` gives for `key`, from the rollups of `months` at their current generation:
   * computed once, however many ask at the same time, and kept until a generation of those months
   * changes or newer results push it out (`large`: among the large ones).
   * `months` may bring their generation, read once for a result and the parts it is made of.
   */
  async memo<T>(
    months: MonthRange & { readonly generation?: number },
    key: readonly unknown[],
    compute: () => Promise<T>,
    { large = false }: { large?: boolean } = {},
  ): Promise<T> {
    const shelf = large ? this.large : this.results;
    const generation = months.generation ?? (await this.generation(months));
    const id = JSON.stringify([{ first: months.first, last: months.last }, generation, ...key]);
    const kept = shelf.get(id) as Promise<T> | undefined;
    if (kept) {
      this.stats.kept++;
      return kept;
    }
    this.stats.computed++;
    const computing = compute();
    shelf.set(id, computing);
    // a failure is not kept: the next request tries again
    computing.catch(() => {
      if (shelf.get(id) === computing) shelf.delete(id);
    });
    return computing;
  }
}
