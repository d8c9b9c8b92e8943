import { sql, type Kysely } from 'kysely';

/**
 * Citizen touchpoints: origins a service accepts submissions from, the key that signs its
 * completion tokens, used completion tokens (single use) and openings of the questionnaire
 * (for response rates).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('service')
    .addColumn('allowed_origins', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('completion_key', 'text')
    .execute();

  // A used token: its id hashed, a hash of its id with the submission id that used it (so that
  // a retry of that same submission passes, while nothing joins it to the response), and its
  // expiry rounded up to the hour (so it cannot date the response).
  await db.schema
    .createTable('completion_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('claimer', 'text', (c) => c.notNull())
    .addColumn('expires_hour', 'timestamptz', (c) =>
      c.notNull().check(sql`expires_hour = date_trunc('hour', expires_hour)`),
    )
    .execute();
  await db.schema
    .createIndex('completion_token_expires_idx')
    .on('completion_token')
    .column('expires_hour')
    .execute();

  await db.schema
    .createTable('opening')
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint('opening_pkey', ['service_id', 'day', 'channel'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('opening').execute();
  await db.schema.dropTable('completion_token').execute();
  await db.schema.alterTable('service').dropColumn('allowed_origins').dropColumn('completion_key').execute();
}
