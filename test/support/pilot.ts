import { randomUUID } from 'node:crypto';
import { seedDemo } from '../../src/demo/seed.js';
import { releaseComments } from '../../src/store/comments.js';
import { releaseResponses } from '../../src/store/responses.js';
import { startValuta, type TestValuta } from './database.js';

/** A Valuta on a fresh database with the demo services (the pilot and Bologna) registered and no response yet. */
export async function startPilot(
  env: Record<string, string> = {},
  options: Parameters<typeof startValuta>[1] = {},
): Promise<TestValuta> {
  const valuta = await startValuta({ DEMO_PAGES: 'true', ...env }, options);
  await seedDemo(valuta.database.db, { responses: 0 });
  valuta.directory.invalidate();
  return valuta;
}

export const HUB = 'inps-hub-prestazioni';
export const SATISFIED = { SAT_OVERALL: 4, EASE: 3, EFFECTIVENESS: 'yes-fully', INFO_CLARITY: 4 } as const;

/** POSTs a submission to the API, as a PA system or the widget would. */
export function submit(
  valuta: TestValuta,
  body: Record<string, unknown>,
  { slug = HUB, headers = {} }: { slug?: string; headers?: Record<string, string> } = {},
) {
  return valuta.app.inject({
    method: 'POST',
    url: `/api/v1/services/${slug}/responses`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ submissionId: randomUUID(), ...body }),
  });
}

export async function countRows(
  valuta: TestValuta,
  table: 'response' | 'responsePending' | 'comment' | 'commentPending',
): Promise<number> {
  const row = await valuta.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every response stored (acknowledged), released or still pending. */
export async function countResponses(valuta: TestValuta): Promise<number> {
  return (await countRows(valuta, 'response')) + (await countRows(valuta, 'responsePending'));
}

/** Releases every pending response and comment now, whatever k, so that tests can read `response` and `comment`. */
export async function releaseAll(valuta: TestValuta): Promise<void> {
  await releaseResponses(valuta.database.db, 1);
  await releaseComments(valuta.database.db, 1);
}

/** Every comment stored, released or still pending. */
export async function allComments(valuta: TestValuta) {
  const columns = ['serviceId', 'day', 'itemCode', 'lang', 'text'] as const;
  const db = valuta.database.db;
  return [
    ...(await db.selectFrom('comment').select(columns).execute()),
    ...(await db.selectFrom('commentPending').select(columns).execute()),
  ];
}
