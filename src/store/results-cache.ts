import { LRUCache } from 'lru-cache';
import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { Db } from './database.js';

/** The months a result reads, 'YYYY-MM', first and last included. */
export interface MonthRange {
  readonly first: string;
  readonly last: string;
}

/**
 * Results computed from the rollups, kept under the generations of the months they read: a
 * release raises the generation of the months it moves responses into, and a rebuild of every
 * month, in the same transaction as the rollups (migration 0006), so nothing kept is served once
 * its months' rollups have changed, on any node, and a release into the running month leaves
 * what was computed for closed months as it is. The keys say everything else a result depends on
 * (who asks, the request, the services and their questionnaire versions), so a result is only
 * ever served to a request that would compute the same. Also the definitions of published
 * questionnaire versions, which never change.
 */
export class ResultsCache {
  private readonly results: LRUCache<string, Promise<unknown>>;
  /** Questionnaire definitions by version id. */
  readonly definitions = new Map<string, QuestionnaireDefinition>();

  constructor(
    private readonly db: Db,
    entries = 100,
  ) {
    this.results = new LRUCache({ max: entries });
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
   * changes or newer results push it out.
   */
  async memo<T>(months: MonthRange, key: readonly unknown[], compute: () => Promise<T>): Promise<T> {
    const id = JSON.stringify([months, await this.generation(months), ...key]);
    const kept = this.results.get(id) as Promise<T> | undefined;
    if (kept) return kept;
    const computing = compute();
    this.results.set(id, computing);
    // a failure is not kept: the next request tries again
    computing.catch(() => {
      if (this.results.get(id) === computing) this.results.delete(id);
    });
    return computing;
  }
}
