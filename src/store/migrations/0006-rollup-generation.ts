import { sql, type Kysely } from 'kysely';

/**
 * The rollups' generation: a number that every release moving responses, and every rebuild,
 * raises in the same transaction as the rollups. Results computed from the rollups are kept
 * (store/results-cache.ts) under the generation they were read at, on every node.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rollup_generation')
    .addColumn('id', 'boolean', (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`id`),
    )
    .addColumn('generation', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into rollup_generation (generation) values (0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rollup_generation').execute();
}
