import { LRUCache } from 'lru-cache';
import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { Db } from './database.js';

/**
 * Results computed from the rollups, kept under the rollups' generation they were read at: every
 * release that moves responses, and every rebuild, raises the generation in the same transaction
 * (migration 0006), so nothing kept is served once the rollups have changed, on any node. The
 * keys say everything else a result depends on (who asks, the request, the services and their
 * questionnaire versions), so a result is only ever served to a request that would compute the
 * same. Also the definitions of published questionnaire versions, which never change.
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

  /** The rollups' generation now. */
  async generation(): Promise<number> {
    const row = await this.db.selectFrom('rollupGeneration').select('generation').executeTakeFirstOrThrow();
    return Number(row.generation);
  }

  /**
   * What `compute` gives for `key` at the current generation: computed once, however many ask at
   * the same time, and kept until the generation changes or newer results push it out.
   */
  async memo<T>(key: readonly unknown[], compute: () => Promise<T>): Promise<T> {
    const id = JSON.stringify([await this.generation(), ...key]);
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
