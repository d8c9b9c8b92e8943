import { sql } from 'kysely';
import type { Db } from '../../src/store/database.js';

/** Every table of the schema, read from the catalogue: a table added later is included without anyone listing it. */
export async function everyTable(db: Db): Promise<string[]> {
  const { rows } = await sql<{ tableName: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  return rows.map((r) => r.tableName);
}

/** Every row of every table of the schema as JSON text, by table: what a dump of the database holds. */
export async function dumpEveryTable(db: Db): Promise<Map<string, string>> {
  const dump = new Map<string, string>();
  for (const table of await everyTable(db)) {
    const { rows } = await sql<{
      row: string;
    }>`select row_to_json(t)::text as row from ${sql.table(table)} t`.execute(db);
    dump.set(table, rows.map((r) => r.row).join('\n'));
  }
  return dump;
}
