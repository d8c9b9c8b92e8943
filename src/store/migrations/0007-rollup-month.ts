import { sql, type Kysely } from 'kysely';

/**
 * Items and responses by month and channel only (`rollup_month`; the responses under the item
 * code `#`, value `*`): what the views that need no other breakdown read, the central office's
 * national views above all (the channel gives the response rate its numerator). Its size follows
 * services × months × channels × values, whatever the number of breakdown combinations in use.
 * Filled from the rollups already there, then kept by the release with the others
 * (store/rollups.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rollup_month')
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day from month) = 1`))
    .addColumn('questionnaire_version_id', 'uuid', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint('rollup_month_pkey', [
      'service_id',
      'month',
      'questionnaire_version_id',
      'channel',
      'item_code',
      'value',
    ])
    .execute();
  // the responses of every service in some months (the coverage funnel)
  await sql`create index rollup_month_responses on rollup_month (month, service_id, channel) where item_code = '#'`.execute(
    db,
  );
  await sql`
    insert into rollup_month (service_id, month, questionnaire_version_id, channel, item_code, value, count)
    select service_id, month, questionnaire_version_id, channel, item_code, value, sum(count)
    from rollup_item_month group by 1, 2, 3, 4, 5, 6
    union all
    select service_id, date_trunc('month', day)::date, questionnaire_version_id, channel, '#', '*', sum(count)
    from rollup_response_day group by 1, 2, 3, 4`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rollup_month').execute();
}
