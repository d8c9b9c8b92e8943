import { sql, type Kysely } from 'kysely';

/**
 * Every widget bundle a release has served, by version, so that a page whose snippet pins an
 * older version (with its Subresource Integrity) keeps working after an update, on every node.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('widget_version')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('widget_version').execute();
}
