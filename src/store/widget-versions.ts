import type { Db } from './database.js';

/** Records the widget bundle `version` (a no-op when it is already there). */
export async function publishWidgetVersion(db: Db, version: string, code: string): Promise<void> {
  await db
    .insertInto('widgetVersion')
    .values({ version, code })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
}

/** The code of the widget bundle `version`, if a release of this platform ever served it. */
export async function widgetVersionCode(db: Db, version: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('widgetVersion')
    .select('code')
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.code;
}
