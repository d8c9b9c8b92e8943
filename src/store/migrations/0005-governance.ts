import { sql, type Kysely } from 'kysely';

/**
 * Governance: enti that ask to join (checked against the imported IndicePA registry), the people
 * who sign in to the console, their sessions and invitations, API keys, and the append-only,
 * hash-chained audit trail. No table here holds anything of a citizen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // IndicePA's "Enti" export, as last imported (valuta enti import).
  await db.schema
    .createTable('ipa_registry')
    .addColumn('ipa_code', 'text', (c) => c.primaryKey().check(sql`ipa_code = lower(ipa_code)`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fiscal_code', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('istat_comune', 'text')
    .addColumn('region', 'text')
    .addColumn('website', 'text')
    .addColumn('email', 'text')
    .execute();

  // Adhesion: requested → active ⇄ suspended, requested → rejected. Enti made before this
  // migration were created by the central office with the CLI: active.
  await db.schema
    .alterTable('ente')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('requested', 'active', 'suspended', 'rejected')`),
    )
    .addColumn('region', 'text')
    .addColumn('rtd_name', 'text')
    .addColumn('rtd_email', 'text')
    .addColumn('rejection_reason', 'text')
    .execute();

  await db.schema
    .alterTable('service')
    .addColumn('channels', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{web}'`))
    .addColumn('journey_point', 'text', (c) =>
      c
        .notNull()
        .defaultTo('after-transaction')
        .check(sql`journey_point in ('after-transaction', 'after-journey', 'any-time')`),
    )
    .addColumn('pinned_version', 'integer')
    .execute();

  // A person of the console. No role yet: signed in, may ask for an ente to join.
  await db.schema
    .createTable('staff_user')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`email = lower(email)`),
    )
    .addColumn('role', 'text', (c) => c.check(sql`role in ('platform-admin', 'ente-admin', 'ente-analyst')`))
    .addColumn('ente_id', 'uuid', (c) => c.references('ente.id'))
    .addColumn('password_hash', 'text')
    .addColumn('oidc_subject', 'text', (c) => c.unique())
    .addColumn('totp_secret', 'text')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'staff_user_role_ente',
      sql`(role = 'platform-admin' and ente_id is null) or (role in ('ente-admin', 'ente-analyst') and ente_id is not null) or role is null`,
    )
    .execute();

  await db.schema
    .alterTable('ente')
    .addColumn('requested_by', 'uuid', (c) => c.references('staff_user.id'))
    .execute();

  // Sessions are kept here, so that stateless nodes share them; the cookie holds a secret whose
  // hash is the key.
  await db.schema
    .createTable('staff_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('staff_session_user_idx').on('staff_session').column('user_id').execute();

  await db.schema
    .createTable('invitation')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('platform-admin', 'ente-admin', 'ente-analyst')`),
    )
    .addColumn('ente_id', 'uuid', (c) => c.references('ente.id'))
    .addColumn('invited_by', 'uuid', (c) => c.references('staff_user.id'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  // An ente's credentials for the API; the secret is shown once and kept hashed.
  await db.schema
    .createTable('api_key')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('ente_id', 'uuid', (c) => c.notNull().references('ente.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('last_used_hour', 'timestamptz', (c) =>
      c.check(sql`last_used_hour = date_trunc('hour', last_used_hour)`),
    )
    .execute();

  // A questionnaire version being edited by the central office: published, it becomes immutable.
  await db.schema
    .createTable('questionnaire_draft')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('family', 'text', (c) => c.notNull().unique())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Append-only: each entry carries the hash of the one before it (docs/security.md).
  await db.schema
    .createTable('audit_entry')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) =>
      c.notNull().check(sql`actor_kind in ('user', 'api-key', 'cli', 'system')`),
    )
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('ente_id', 'uuid')
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('audit_entry_ente_idx').on('audit_entry').columns(['ente_id', 'seq']).execute();
  await sql`
    create function audit_entry_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_entry is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_entry_no_change before update or delete on audit_entry
    for each row execute function audit_entry_append_only()`.execute(db);
  await sql`
    create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_append_only()`.execute(db);

  // Every status a service has had, from when (coverage month by month): written by a trigger, so
  // that no writer (a command, the demo, the CLI) can change a status without it.
  await db.schema
    .createTable('service_status_change')
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('service_status_change_service_idx')
    .on('service_status_change')
    .columns(['service_id', 'at'])
    .execute();
  await sql`
    create function service_status_log() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' or new.status is distinct from old.status then
        insert into service_status_change (service_id, status) values (new.id, new.status);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger service_status_logged after insert or update of status on service
    for each row execute function service_status_log()`.execute(db);
  await sql`insert into service_status_change (service_id, status, at) select id, status, created_at from service`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger service_status_logged on service`.execute(db);
  await sql`drop function service_status_log()`.execute(db);
  await db.schema.dropTable('service_status_change').execute();
  await db.schema.dropTable('audit_entry').execute();
  await db.schema.alterTable('ente').dropColumn('requested_by').execute();
  await sql`drop function audit_entry_append_only()`.execute(db);
  for (const table of [
    'questionnaire_draft',
    'api_key',
    'invitation',
    'staff_session',
    'staff_user',
    'ipa_registry',
  ])
    await db.schema.dropTable(table).execute();
  await db.schema
    .alterTable('service')
    .dropColumn('channels')
    .dropColumn('journey_point')
    .dropColumn('pinned_version')
    .execute();
  await db.schema
    .alterTable('ente')
    .dropColumn('status')
    .dropColumn('region')
    .dropColumn('rtd_name')
    .dropColumn('rtd_email')
    .dropColumn('rejection_reason')
    .execute();
}
