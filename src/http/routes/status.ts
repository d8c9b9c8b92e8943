import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Registry, Gauge, Counter, collectDefaultMetrics } from 'prom-client';
import { Type } from 'typebox';
import { ERROR_CATALOGUE, problemType } from '../../domain/errors.js';
import type { AppServices } from '../services.js';
import { PUBLIC } from '../access/declaration.js';

const Status = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
  },
  { description: 'Health as problem+json (ModI): status 200 when the service can take submissions' },
);

/** Operations endpoints: health (`/status`, ModI style) and Prometheus metrics (`/metrics`). */
export const statusRoutes: FastifyPluginAsyncTypebox<AppServices> = async (
  app,
  { database, ingest, resultsCache },
) => {
  app.get(
    '/status',
    {
      config: PUBLIC,
      schema: { summary: 'Health', tags: ['operations'], response: { 200: Status, 503: Status } },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(database.db);
        return reply.type('application/problem+json; charset=utf-8').send({
          type: 'about:blank',
          title: 'OK',
          status: 200,
          detail: 'Accepting submissions',
        });
      } catch {
        return reply
          .code(503)
          .header('retry-after', '5')
          .type('application/problem+json; charset=utf-8')
          .send({
            type: problemType('VALUTA_ERR_DATABASE_UNAVAILABLE'),
            title: ERROR_CATALOGUE.VALUTA_ERR_DATABASE_UNAVAILABLE.title,
            status: 503,
            detail: 'The database is unavailable',
          });
      }
    },
  );

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'valuta_' });
  new Counter({
    name: 'valuta_submissions_acknowledged_total',
    help: 'Submissions answered 201 after their commit by this process (a retry counts again)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(ingest.stats.acknowledged);
    },
  });
  new Counter({
    name: 'valuta_ingest_batches_total',
    help: 'Group commits made by this process',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(ingest.stats.batches);
    },
  });
  new Counter({
    name: 'valuta_results_total',
    help: 'Results (views, cubes, counts) served by this process, kept from the rollups of their months or computed',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: 'kept' }, resultsCache.stats.kept);
      this.inc({ outcome: 'computed' }, resultsCache.stats.computed);
    },
  });
  new Gauge({
    name: 'valuta_ingest_queue_depth',
    help: 'Submissions waiting for a group commit',
    registers: [registry],
    collect() {
      this.set(ingest.stats.queueDepth);
    },
  });

  app.get(
    '/metrics',
    { config: { access: { audience: 'machine', permission: 'metrics:read' } }, schema: { hide: true } },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
};
