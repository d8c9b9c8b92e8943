import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishWidgetVersion } from '../../src/store/widget-versions.js';
import { databaseKind, type TestValuta } from '../support/database.js';
import { HUB, startPilot } from '../support/pilot.js';

const sri = (code: string) => `sha384-${createHash('sha384').update(code).digest('base64')}`;

describe(`widget versions (${databaseKind})`, () => {
  let valuta: TestValuta;
  beforeAll(async () => (valuta = await startPilot()));
  afterAll(() => valuta.dispose());

  it('pins the snippet to one exact version, served immutable, whose bytes match the integrity', async () => {
    const embed = (await valuta.app.inject(`/api/v1/services/${HUB}/embed`)).json();
    const path = new URL(embed.scriptUrl).pathname;
    expect(path).toMatch(/^\/widget\/[0-9a-f]{16}\.js$/);
    const reply = await valuta.app.inject(path);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(reply.headers['access-control-allow-origin']).toBe('*');
    expect(sri(reply.body)).toBe(embed.integrity);
    // the evergreen URL serves the same bytes, briefly cached
    const evergreen = await valuta.app.inject('/widget.js');
    expect(evergreen.body).toBe(reply.body);
    expect(evergreen.headers['cache-control']).toBe('public, max-age=300');
  });

  it('keeps serving a version an earlier release published, so pages that pin it keep working', async () => {
    const code = '(()=>{/* the widget of an earlier release */})();';
    await valuta.database.db
      .insertInto('widgetVersion')
      .values({ version: 'aaaaaaaaaaaaaaaa', code })
      .execute();
    const reply = await valuta.app.inject({
      url: '/widget/aaaaaaaaaaaaaaaa.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-encoding']).toBe('gzip');
    const plain = await valuta.app.inject('/widget/aaaaaaaaaaaaaaaa.js');
    expect(plain.body).toBe(code);
    expect(sri(plain.body)).toBe(sri(code));
    expect(plain.headers['cache-control']).toMatch(/immutable/);
  });

  it('records the version this release serves, once however often it starts', async () => {
    const embed = (await valuta.app.inject(`/api/v1/services/${HUB}/embed`)).json();
    const current = new URL(embed.scriptUrl).pathname.slice('/widget/'.length, -'.js'.length);
    const code = (await valuta.app.inject('/widget.js')).body;
    await publishWidgetVersion(valuta.database.db, current, code); // what a second node or a restart does
    const rows = await valuta.database.db.selectFrom('widgetVersion').select(['version', 'code']).execute();
    expect(rows.filter((r) => r.version === current)).toEqual([{ version: current, code }]);
  });

  it('answers 404 to a version no release served, and 400 to what is not a version', async () => {
    const unknown = await valuta.app.inject('/widget/0123456789abcdef.js');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await valuta.app.inject('/widget/../../etc/passwd')).statusCode).toBeGreaterThanOrEqual(400);
    expect((await valuta.app.inject('/widget/latest.js')).statusCode).toBe(400);
  });
});
