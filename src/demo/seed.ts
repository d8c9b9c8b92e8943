import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { newCompletionKey } from '../domain/completion-token.js';
import { prepareResponse } from '../domain/response.js';
import type { Db } from '../store/database.js';
import { upsertEnte } from '../store/enti.js';
import { importRegistry } from '../store/ipa-registry.js';
import { DEMO_REGISTRY } from './registry.js';
import { releaseComments } from '../store/comments.js';
import { addOpenings, type OpeningCount } from '../store/openings.js';
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
/** The channels on which the questionnaire's own page counts its openings (the hosted page and the QR poster). */
const COUNTED = new Set(['web', 'qr']);

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
  /** Responses by service, day and channel, on the channels whose page counts its openings. */
  const opened = new Map<string, OpeningCount>();
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
      const response = prepareResponse(service.questionnaire.definition, service.id, submission, receivedAt);
      batch.push({
        id: randomUUID(),
        serviceId: service.id,
        questionnaireVersionId: service.questionnaire.id,
        response,
      });
      if (COUNTED.has(response.channel)) {
        const key = `${service.id}|${response.day}|${response.channel}`;
        const { count = 0 } = opened.get(key) ?? {};
        opened.set(key, {
          serviceId: service.id,
          day: response.day,
          channel: response.channel,
          count: count + 1,
        });
      }
      if (batch.length === BATCH) await flush();
    }
  }
  if (batch.length > 0) await flush();
  // A questionnaire opened several times per response (a response rate of 8–20% by service), and
  // each service active since its first response, so that response rates and coverage have a history.
  const rate = new Map(demo.map(({ service }) => [service.id, 0.08 + random() * 0.12]));
  const openings = [...opened.values()].map((o) => ({
    ...o,
    count: Math.round(o.count / rate.get(o.serviceId)!),
  }));
  for (let i = 0; i < openings.length; i += BATCH) await addOpenings(db, openings.slice(i, i + BATCH));
  await sql`
    update service_status_change c set at = first.at
    from (select service_id, min(submitted_hour) as at from response_pending group by service_id) first
    where c.service_id = first.service_id and c.status = 'active' and c.at > first.at`.execute(db);
  // the demo's year of responses is history: released now, as the release would have done day by day
  await releaseResponses(db, 1);
  await releaseComments(db, 1);
}
