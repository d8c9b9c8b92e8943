import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/**
 * The first schema. Responses carry no respondent identity, no exact time (hour only) and
 * no time-ordered key: ids are random UUIDs and the idempotency key is a hash.
 */
/**
 * What a response is, released (`response`) or waiting for its release (`response_pending`).
 * The submission key is unique in each; store_responses() and the release keep it unique across both.
 */
const responseColumns = <T extends string>(table: CreateTableBuilder<T>) =>
  table
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('questionnaire_version_id', 'uuid', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('submission_key', 'text', (c) => c.notNull().unique())
    .addColumn('submitted_hour', 'timestamptz', (c) =>
      c.notNull().check(sql`submitted_hour = date_trunc('hour', submitted_hour)`),
    )
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('device_class', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    // whether it came with a valid completion token from the ente (verified completion)
    .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    // the free-text items it answered (their text is a comment, stored apart and unlinked)
    .addColumn('text_items', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`));

/** What a comment is, released (`comment`) or waiting for its release (`comment_pending`). */
const commentColumns = <T extends string>(table: CreateTableBuilder<T>) =>
  table
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull());

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ente')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('ipa_code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('questionnaire_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('questionnaire_version_family_version_key', ['family', 'version'])
    .execute();

  await db.schema
    .createTable('service')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('ente_id', 'uuid', (c) => c.notNull().references('ente.id'))
    .addColumn('slug', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    // (the migration keeps its own literals: a schema must not change when code does)
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('dispositivo', 'consultazione')`))
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('draft', 'active', 'paused', 'retired')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('service_ente_id_idx').on('service').column('ente_id').execute();

  await db.schema.createTable('response').$call(responseColumns).execute();
  await db.schema
    .createIndex('response_service_hour_idx')
    .on('response')
    .columns(['service_id', 'submitted_hour'])
    .execute();

  // Responses wait here, durable from the acknowledgement, until the release moves them to
  // `response` in shuffled batches by a transaction of their own (ADR 13): neither the order
  // on disk (ctid) nor the transaction id (xmin) of a released response follows submission order.
  await db.schema.createTable('response_pending').$call(responseColumns).execute();
  await db.schema
    .createIndex('response_pending_service_idx')
    .on('response_pending')
    .column('service_id')
    .execute();

  await db.schema
    .createTable('comment')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .$call(commentColumns)
    .execute();
  await db.schema
    .createIndex('comment_service_day_idx')
    .on('comment')
    .columns(['service_id', 'day'])
    .execute();

  // Comments wait here, in the transaction of their response, until the release moves them to
  // `comment` in shuffled batches of their own (ADR 4): no id, nothing that outlives the move.
  await db.schema.createTable('comment_pending').$call(commentColumns).execute();
  await db.schema
    .createIndex('comment_pending_service_idx')
    .on('comment_pending')
    .column('service_id')
    .execute();

  // The rollups (ADR 19): counts of released responses, written by the release in the
  // transaction that moves them, so that they change in batches and never per submission. The
  // grain is chosen per dimension: items by day (central office day ranges), items by month
  // crossed with the breakdowns (the dashboards' filters and groupings), responses by day
  // crossed with the breakdowns. Each is keyed by questionnaire version as well. Their size grows
  // with services × periods × the values in use, never with responses.
  await db.schema
    .createTable('rollup_item_day')
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('questionnaire_version_id', 'uuid', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint('rollup_item_day_pkey', [
      'service_id',
      'day',
      'questionnaire_version_id',
      'item_code',
      'value',
    ])
    .execute();

  await db.schema
    .createTable('rollup_item_month')
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('questionnaire_version_id', 'uuid', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day from month) = 1`))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('device_class', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('verified', 'boolean', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint('rollup_item_month_pkey', [
      'service_id',
      'month',
      'questionnaire_version_id',
      'channel',
      'device_class',
      'lang',
      'verified',
      'item_code',
      'value',
    ])
    .execute();

  await db.schema
    .createTable('rollup_response_day')
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('questionnaire_version_id', 'uuid', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('device_class', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('verified', 'boolean', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint('rollup_response_day_pkey', [
      'service_id',
      'day',
      'questionnaire_version_id',
      'channel',
      'device_class',
      'lang',
      'verified',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'rollup_response_day',
    'rollup_item_month',
    'rollup_item_day',
    'comment_pending',
    'comment',
    'response_pending',
    'response',
    'service',
    'questionnaire_version',
    'ente',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
