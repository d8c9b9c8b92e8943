import { ValutaError } from '../domain/errors.js';
import type { Db } from './database.js';
import { listActiveServices, type ActiveService } from './services.js';

/**
 * Active services by slug, read from the database at most once per `ttlMs`: the hot
 * submission path never queries the registry. A registration shows up within `ttlMs`.
 */
export class ServiceDirectory {
  private services = new Map<string, ActiveService>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5_000,
  ) {}

  /** The active service with this slug, or undefined. */
  async bySlug(slug: string): Promise<ActiveService | undefined> {
    await this.fresh();
    return this.services.get(slug);
  }

  /** The active service with this slug; throws VALUTA_ERR_SERVICE_NOT_FOUND when there is none. */
  async activeService(slug: string): Promise<ActiveService> {
    const service = await this.bySlug(slug);
    if (!service)
      throw new ValutaError('VALUTA_ERR_SERVICE_NOT_FOUND', `No active service has the slug "${slug}"`);
    return service;
  }

  /** Every active service. */
  async all(): Promise<ActiveService[]> {
    await this.fresh();
    return [...this.services.values()];
  }

  /** Forgets the cache, so the next read sees the latest registrations. */
  invalidate(): void {
    this.loadedAt = -Infinity;
  }

  private async fresh(): Promise<void> {
    if (performance.now() - this.loadedAt < this.ttlMs) return;
    this.loading ??= listActiveServices(this.db)
      .then((list) => {
        this.services = new Map(list.map((s) => [s.slug, s]));
        this.loadedAt = performance.now();
      })
      .finally(() => (this.loading = undefined));
    await this.loading;
  }
}
