import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_SCOPES, type Permission } from '../../src/domain/governance/roles.js';
import { access } from '../../src/http/plugins/access.js';
import { databaseKind, type TestValuta } from '../support/database.js';
import { startPilot } from '../support/pilot.js';

describe(`every route declares its access (${databaseKind})`, () => {
  let valuta: TestValuta;
  beforeAll(async () => (valuta = await startPilot()));
  afterAll(() => valuta.dispose());

  /** A bare app with the access plugin, to register one route on. */
  const bareApp = async () => {
    const app = Fastify();
    await app.register(access, {
      db: valuta.database.db,
      directory: valuta.directory,
      publicUrl: 'http://127.0.0.1',
      rateLimitPerMinute: 60,
      staff: valuta.config.staff,
      now: () => new Date(),
    });
    return app;
  };

  it('refuses to register a route that declares no access, or a staff route that names no permission', async () => {
    const undeclared = await bareApp();
    await expect(
      (async () => {
        undeclared.get('/anything', async () => 'hello');
        await undeclared.ready();
      })(),
    ).rejects.toThrow('GET /anything declares no access: set config.access');
    const staff = await bareApp();
    await expect(
      (async () => {
        staff.get('/admin-thing', { config: { access: { audience: 'staff' } } }, async () => 'hello');
        await staff.ready();
      })(),
    ).rejects.toThrow('a staff route must name the permission it needs');
  });

  it('gives every route of the app one of the four audiences, and staff and machine routes a permission', () => {
    expect(valuta.app.routeAccess.length).toBeGreaterThan(50);
    for (const { method, url, access: declared } of valuta.app.routeAccess) {
      expect(['public', 'citizen', 'staff', 'machine'], `${method} ${url}`).toContain(declared.audience);
      if (declared.audience === 'staff' || declared.audience === 'machine')
        expect(declared.permission, `${method} ${url}`).toBeDefined();
    }
  });

  it('derives the OpenAPI security of every operation from its declaration', async () => {
    await valuta.app.ready();
    const document = valuta.app.swagger() as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const declared = new Map(
      valuta.app.routeAccess.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.access]),
    );
    let operations = 0;
    for (const [path, methods] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(methods)) {
        const access = declared.get(`${method.toUpperCase()} ${path}`);
        expect(access, `${method} ${path}`).toBeDefined();
        const schemes = (operation.security ?? []).map((s) => Object.keys(s)[0]);
        const expected =
          access!.audience === 'machine'
            ? ['apiKey']
            : access!.audience === 'staff'
              ? API_KEY_SCOPES.includes(access!.permission as (typeof API_KEY_SCOPES)[number] & Permission)
                ? ['session', 'apiKey']
                : ['session']
              : [];
        expect(schemes, `${method} ${path}`).toEqual(expected);
        operations++;
      }
    expect(operations).toBeGreaterThan(30);
  });
});
