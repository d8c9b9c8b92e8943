import { Migrator, type Kysely, type Migration } from 'kysely';
import * as initial from './migrations/0001-initial.js';
import * as storeResponsesFunction from './migrations/0002-store-responses-function.js';
import * as touchpoints from './migrations/0003-touchpoints.js';
import * as widgetVersions from './migrations/0004-widget-versions.js';
import * as governance from './migrations/0005-governance.js';
import * as rollupGeneration from './migrations/0006-rollup-generation.js';
import * as rollupMonth from './migrations/0007-rollup-month.js';
import * as outputs from './migrations/0008-outputs.js';
import * as exportOrder from './migrations/0009-export-order.js';

/** Migrations are imported, not read from disk, so the same list runs from src/ and dist/. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-store-responses-function': storeResponsesFunction,
  '0003-touchpoints': touchpoints,
  '0004-widget-versions': widgetVersions,
  '0005-governance': governance,
  '0006-rollup-generation': rollupGeneration,
  '0007-rollup-month': rollupMonth,
  '0008-outputs': outputs,
  '0009-export-order': exportOrder,
};

/** Brings the schema to the latest version; returns the names of the migrations applied. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
