import { randomUUID } from 'node:crypto';
import { newCompletionKey } from '../domain/completion-token.js';
import { prepareResponse } from '../domain/response.js';
import type { Db } from '../store/database.js';
import { upsertEnte } from '../store/enti.js';
import { importRegistry } from '../store/ipa-registry.js';
import { DEMO_REGISTRY } from './registry.js';
import { releaseComments } from '../store/comments.js';
import { releaseResponses, storeResponses, type ResponseToStore } from '../store/responses.js';
import { listActiveServices, setCompletionKey, upsertService } from '../store/services.js';
import { PILOT } from './pilot.js';
import { seededRandom, syntheticResponse } from './synthetic.js';

export interface SeedOptions {
  readonly responses: number;
  readonly seed?: number;
  readonly now?: Date;
  readonly onProgress?: (done: number, total: number) => void;
}

const BATCH = 1_000;

/** Whether the database has no service yet (a fresh embedded database). */
export async function hasNoServices(db: Db): Promise<boolean> {
  const row = await db.selectFrom('service').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Registers a few IndicePA rows, the pilot enti and services (with the origins of their sites and
 * a completion-token key each) and stores `responses` synthetic responses through
 * the same write path as live submissions (validation, redaction, coarsening, rollups).
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<void> {
  await importRegistry(db, DEMO_REGISTRY);
  for (const ente of PILOT) {
    const enteId = await upsertEnte(db, ente);
    for (const service of ente.services) {
      await upsertService(db, { ...service, enteId, allowedOrigins: ente.allowedOrigins });
      // Every demo service can verify completions; its demo page mints tokens as an ente would.
      await setCompletionKey(db, service.slug, newCompletionKey(), { onlyIfUnset: true });
    }
  }
  const active = new Map((await listActiveServices(db)).map((s) => [s.slug, s]));
  const demo = PILOT.flatMap((e) => e.services).map((s) => ({ demo: s, service: active.get(s.slug)! }));
  const totalVolume = demo.reduce((sum, d) => sum + d.demo.profile.volume, 0);
  const random = seededRandom(options.seed ?? 2026);
  const now = options.now ?? new Date();

  let done = 0;
  let batch: ResponseToStore[] = [];
  const flush = async () => {
    await storeResponses(db, batch);
    done += batch.length;
    batch = [];
    options.onProgress?.(done, options.responses);
  };
  // Responses split by volume; cumulative rounding makes the shares add up to exactly the total.
  let assigned = 0;
  let cumulativeVolume = 0;
  for (const { demo: d, service } of demo) {
    cumulativeVolume += d.profile.volume;
    const share = Math.round((options.responses * cumulativeVolume) / totalVolume) - assigned;
    assigned += share;
    for (let i = 0; i < share; i++) {
      const { submission, receivedAt } = syntheticResponse(
        service.questionnaire.definition,
        d.profile,
        now,
        random,
      );
      batch.push({
        id: randomUUID(),
        serviceId: service.id,
        questionnaireVersionId: service.questionnaire.id,
        response: prepareResponse(service.questionnaire.definition, service.id, submission, receivedAt),
      });
      if (batch.length === BATCH) await flush();
    }
  }
  if (batch.length > 0) await flush();
  // the demo's year of responses is history: released now, as the release would have done day by day
  await releaseResponses(db, 1);
  await releaseComments(db, 1);
}
