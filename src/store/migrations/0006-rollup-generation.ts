import { type Kysely } from 'kysely';

/**
 * The rollups' generation of each month (Italian time): a number that a release raises for the
 * months it moves responses into, and a rebuild for every month, in the same transaction as the
 * rollups. Results computed from the rollups are kept (store/results-cache.ts) under the
 * generations of the months they read, on every node: a release into the running month leaves
 * what was computed for closed months as it is. A month without a row is at generation 0.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rollup_generation')
    .addColumn('month', 'date', (c) => c.primaryKey())
    .addColumn('generation', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rollup_generation').execute();
}
