/**
 * The tenant-isolation matrix, generated from the route table: every admin and results route ×
 * every kind of principal × (own ente, other ente, no ente) → allowed or denied as the permission
 * matrix says. A route without a probe here fails the test, so a new route cannot be forgotten.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/commands/questionnaires.js';
import { registerService } from '../../src/commands/services.js';
import {
  API_KEY_SCOPES,
  mayActOn,
  reachOf,
  type Permission,
  type Principal,
} from '../../src/domain/governance/roles.js';
import { lastClosedMonth } from '../../src/domain/results-plan.js';
import { databaseKind, type TestValuta } from '../support/database.js';
import { startPilot } from '../support/pilot.js';
import { hashPassword } from '../../src/commands/passwords.js';
import { apiKeyOf, cliContext, sessionAs, signIn, TEST_PASSWORD } from '../support/staff.js';

type Target = 'own' | 'other' | 'none';
const OWN = 'inps';
const OTHER = 'inail';

interface Request {
  readonly url: string;
  readonly body?: Record<string, unknown>;
}
/** How to call a route on a target, and the permission that decides (when not the route's own). */
interface Probe {
  readonly targets: readonly Target[];
  readonly request: (target: Exclude<Target, 'none'> | 'none', ids: Fixture) => Request;
  readonly decidedBy?: Permission;
  /** Only a person without a role may (asking for an ente to join). */
  readonly onlyWithoutRole?: boolean;
}

interface Fixture {
  readonly service: Record<'own' | 'other', string>;
  readonly matrixService: Record<'own' | 'other', string>;
  readonly keyId: Record<'own' | 'other', string>;
  /** A draft to read, save, preview and publish, and one to discard. */
  readonly draft: { readonly id: string; readonly definition: unknown };
  readonly discarded: string;
}
const ente = (t: Target) => (t === 'own' ? OWN : OTHER);
const unique = () => randomUUID().slice(0, 8);

const PROBES: Record<string, Probe> = {
  'GET /api/v1/admin/registry': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/admin/registry?q=c_' }),
  },
  'GET /api/v1/admin/enti': { targets: ['none'], request: () => ({ url: '/api/v1/admin/enti' }) },
  'POST /api/v1/admin/enti': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/admin/enti', body: { ipaCode: 'c_l219' } }),
  },
  'POST /api/v1/admin/enti/requests': {
    targets: ['none'],
    onlyWithoutRole: true,
    request: () => ({
      url: '/api/v1/admin/enti/requests',
      body: { ipaCode: 'c_f839', rtdName: 'RTD', rtdEmail: 'rtd@napoli.example' },
    }),
  },
  'GET /api/v1/admin/enti/:ipaCode': {
    targets: ['own', 'other'],
    decidedBy: 'enti:read',
    request: (t) => ({ url: `/api/v1/admin/enti/${ente(t)}` }),
  },
  ...Object.fromEntries(
    ['approve', 'reject', 'suspend', 'reactivate'].map((op) => [
      `POST /api/v1/admin/enti/:ipaCode/${op}`,
      {
        targets: ['own', 'other'],
        request: (t: Target) => ({
          url: `/api/v1/admin/enti/${ente(t)}/${op}`,
          body: op === 'reject' ? { reason: 'test' } : undefined,
        }),
      } satisfies Probe,
    ]),
  ),
  'GET /api/v1/admin/services': { targets: ['none'], request: () => ({ url: '/api/v1/admin/services' }) },
  'POST /api/v1/admin/services': {
    targets: ['own', 'other'],
    request: (t) => ({
      url: '/api/v1/admin/services',
      body: {
        ente: ente(t),
        slug: `matrix-${unique()}`,
        name: 'Servizio di prova',
        url: null,
        kind: 'dispositivo',
        family: 'cx-dispositivo',
        channels: ['web'],
        allowedOrigins: [],
        journeyPoint: 'after-transaction',
      },
    }),
  },
  'GET /api/v1/admin/services/:slug': {
    targets: ['own', 'other'],
    request: (t, f) => ({ url: `/api/v1/admin/services/${f.service[t as 'own']}` }),
  },
  'PATCH /api/v1/admin/services/:slug': {
    targets: ['own', 'other'],
    request: (t, f) => ({
      url: `/api/v1/admin/services/${f.matrixService[t as 'own']}`,
      body: { name: `Rinominato ${unique()}` },
    }),
  },
  ...Object.fromEntries(
    ['activate', 'pause', 'resume', 'retire', 'completion-secret'].map((op) => [
      `POST /api/v1/admin/services/:slug/${op}`,
      {
        targets: ['own', 'other'],
        request: (t: Target, f: Fixture) => ({
          url: `/api/v1/admin/services/${f.matrixService[t as 'own']}/${op}`,
        }),
      } satisfies Probe,
    ]),
  ),
  'GET /api/v1/admin/users': { targets: ['none'], request: () => ({ url: '/api/v1/admin/users' }) },
  'POST /api/v1/admin/users': {
    targets: ['own', 'other'],
    request: (t) => ({
      url: '/api/v1/admin/users',
      body: { email: `p-${unique()}@example.it`, role: 'ente-analyst', ente: ente(t) },
    }),
  },
  'GET /api/v1/admin/api-keys': { targets: ['none'], request: () => ({ url: '/api/v1/admin/api-keys' }) },
  'POST /api/v1/admin/api-keys': {
    targets: ['own', 'other'],
    request: (t) => ({
      url: '/api/v1/admin/api-keys',
      body: { name: 'k', scopes: ['results:read'], ente: ente(t) },
    }),
  },
  'POST /api/v1/admin/api-keys/:id/revoke': {
    targets: ['own', 'other'],
    request: (t, f) => ({ url: `/api/v1/admin/api-keys/${f.keyId[t as 'own']}/revoke` }),
  },
  'GET /api/v1/admin/questionnaires': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/admin/questionnaires' }),
  },
  'GET /api/v1/admin/questionnaires/:family/versions/:version': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/admin/questionnaires/cx-dispositivo/versions/1' }),
  },
  'GET /api/v1/admin/questionnaires/:family/diff': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/admin/questionnaires/cx-dispositivo/diff?from=1&to=1' }),
  },
  'GET /api/v1/admin/questionnaire-drafts': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/admin/questionnaire-drafts' }),
  },
  'POST /api/v1/admin/questionnaires/:family/drafts': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/admin/questionnaires/di-chiarezza-pagina/drafts' }),
  },
  'GET /api/v1/admin/questionnaire-drafts/:id': {
    targets: ['none'],
    request: (_t, f) => ({ url: `/api/v1/admin/questionnaire-drafts/${f.draft.id}` }),
  },
  'PUT /api/v1/admin/questionnaire-drafts/:id': {
    targets: ['none'],
    request: (_t, f) => ({
      url: `/api/v1/admin/questionnaire-drafts/${f.draft.id}`,
      body: { definition: f.draft.definition },
    }),
  },
  'POST /api/v1/admin/questionnaire-drafts/:id/preview-answers': {
    targets: ['none'],
    request: (_t, f) => ({
      url: `/api/v1/admin/questionnaire-drafts/${f.draft.id}/preview-answers`,
      body: { answers: {} },
    }),
  },
  'GET /api/v1/admin/questionnaire-drafts/:id/preview': {
    targets: ['none'],
    request: (_t, f) => ({ url: `/api/v1/admin/questionnaire-drafts/${f.draft.id}/preview` }),
  },
  'POST /api/v1/admin/questionnaire-drafts/:id/publish': {
    targets: ['none'],
    request: (_t, f) => ({ url: `/api/v1/admin/questionnaire-drafts/${f.draft.id}/publish` }),
  },
  'DELETE /api/v1/admin/questionnaire-drafts/:id': {
    targets: ['none'],
    request: (_t, f) => ({ url: `/api/v1/admin/questionnaire-drafts/${f.discarded}` }),
  },
  'GET /api/v1/admin/audit': { targets: ['none'], request: () => ({ url: '/api/v1/admin/audit' }) },
  'GET /api/v1/admin/audit/export.csv': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/admin/audit/export.csv' }),
  },
  'GET /api/v1/admin/audit/verify': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/admin/audit/verify' }),
  },
  'POST /api/v1/admin/open-data/releases': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/admin/open-data/releases', body: { month: '2026-10' } }),
  },
  'GET /metrics': { targets: ['none'], request: () => ({ url: '/metrics' }) },
  'GET /api/v1/services/:slug/summary': {
    targets: ['own', 'other'],
    request: (t, f) => ({ url: `/api/v1/services/${f.service[t as 'own']}/summary` }),
  },
  'GET /api/v1/results': {
    targets: ['own', 'other'],
    request: (t, f) => ({ url: `/api/v1/results?service=${f.service[t as 'own']}` }),
  },
  'GET /api/v1/results/periods': {
    targets: ['own', 'other'],
    request: (t, f) => ({ url: `/api/v1/results/periods?service=${f.service[t as 'own']}` }),
  },
  'GET /api/v1/results/benchmark': {
    targets: ['own', 'other'],
    request: (t, f) => ({ url: `/api/v1/results/benchmark?service=${f.service[t as 'own']}` }),
  },
  // the national coverage is the central office's alone
  'GET /api/v1/results/coverage': {
    targets: ['none'],
    request: () => ({ url: '/api/v1/results/coverage' }),
    decidedBy: 'enti:decide',
  },
  'GET /api/v1/results/suggestions': {
    targets: ['own', 'other'],
    request: (t, f) => ({ url: `/api/v1/results/suggestions?service=${f.service[t as 'own']}` }),
  },
  ...Object.fromEntries(
    [
      '/api/v1/exports/responses.:format',
      '/api/v1/exports/responses/dictionary.csv',
      '/api/v1/exports/indicators.:format',
      '/api/v1/exports/indicators/dictionary.csv',
      '/api/v1/exports/indicators.sdmx.csv',
      '/api/v1/exports/suggestions.:format',
    ].map((route) => [
      `GET ${route}`,
      {
        targets: ['own', 'other'],
        request: (t: Target, f: Fixture) => ({
          url: `${route.replace(':format', 'csv')}?service=${f.service[t as 'own']}`,
        }),
      } satisfies Probe,
    ]),
  ),
  'GET /reports/services/:slug/:month': {
    targets: ['own', 'other'],
    request: (t, f) => ({
      url: `/reports/services/${f.service[t as 'own']}/${lastClosedMonth(new Date()).key}`,
    }),
  },
  'POST /api/v1/services/:slug/completion-tokens': {
    targets: ['own', 'other'],
    request: (t, f) => ({ url: `/api/v1/services/${f.service[t as 'own']}/completion-tokens`, body: {} }),
  },
};

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

interface Caller {
  readonly name: string;
  readonly principal: Principal | null;
  readonly headers: Record<string, string>;
}

describe(`tenant isolation, from the route table (${databaseKind})`, () => {
  let valuta: TestValuta;
  let fixture: Fixture;
  let callers: Caller[];
  beforeAll(async () => {
    valuta = await startPilot();
    const ctx = cliContext(valuta);
    const draft = async (ipa: string) =>
      (
        await registerService(ctx, {
          ente: ipa,
          slug: `matrix-${ipa}`,
          name: 'Matrice',
          url: null,
          kind: 'dispositivo',
          family: 'cx-dispositivo',
          channels: ['web'],
          allowedOrigins: [],
          journeyPoint: 'any-time',
        })
      ).slug;
    const keyOf = async (ipa: string) =>
      (
        await valuta.database.db
          .selectFrom('apiKey as k')
          .innerJoin('ente as e', 'e.id', 'k.enteId')
          .select('k.id')
          .where('e.ipaCode', '=', ipa)
          .executeTakeFirstOrThrow()
      ).id;
    await apiKeyOf(valuta, OWN, ['results:read']);
    await apiKeyOf(valuta, OTHER, ['results:read']);
    fixture = {
      service: { own: 'inps-hub-prestazioni', other: 'inail-sportello-digitale' },
      matrixService: { own: await draft(OWN), other: await draft(OTHER) },
      keyId: { own: await keyOf(OWN), other: await keyOf(OTHER) },
      draft: await createDraft(ctx, 'di-valutazione-servizio'),
      discarded: (await createDraft(ctx, 'di-chiarezza-pagina')).id,
    };
    const enteId = async (ipa: string) =>
      (
        await valuta.database.db
          .selectFrom('ente')
          .select('id')
          .where('ipaCode', '=', ipa)
          .executeTakeFirstOrThrow()
      ).id;
    const ownId = await enteId(OWN);
    const user = (role: UserPrincipal['role'], enteIdOf: string | null): UserPrincipal => ({
      kind: 'user',
      id: '',
      email: '',
      role,
      enteId: enteIdOf,
    });
    const noRole = `none-${unique()}@example.it`;
    await valuta.database.db
      .insertInto('staffUser')
      .values({ email: noRole, role: null, enteId: null, passwordHash: await hashPassword(TEST_PASSWORD) })
      .execute();
    const allScopes = API_KEY_SCOPES;
    callers = [
      {
        name: 'platform-admin',
        principal: user('platform-admin', null),
        headers: (await sessionAs(valuta, 'platform-admin')).headers,
      },
      {
        name: 'ente-admin',
        principal: user('ente-admin', ownId),
        headers: (await sessionAs(valuta, 'ente-admin', OWN)).headers,
      },
      {
        name: 'ente-analyst',
        principal: user('ente-analyst', ownId),
        headers: (await sessionAs(valuta, 'ente-analyst', OWN)).headers,
      },
      { name: 'no role', principal: user(null, null), headers: (await signIn(valuta, noRole)).headers },
      { name: 'anonymous', principal: null, headers: {} },
      {
        name: 'API key of the ente',
        principal: { kind: 'api-key', id: '', name: '', enteId: ownId, scopes: [...allScopes] },
        headers: { authorization: `Bearer ${await apiKeyOf(valuta, OWN, [...allScopes])}` },
      },
    ];
  }, 120_000);
  afterAll(() => valuta.dispose());

  it('has a probe for every admin and results route, and every one of them names a permission', () => {
    const routes = valuta.app.routeAccess.filter(
      (r) =>
        r.method !== 'HEAD' &&
        (r.url.startsWith('/api/v1/admin') ||
          r.access.audience === 'staff' ||
          r.access.audience === 'machine'),
    );
    const keys = routes.filter((r) => !r.url.startsWith('/api/v1/auth')).map((r) => `${r.method} ${r.url}`);
    expect(
      keys.filter((k) => !(k in PROBES)),
      'routes without a probe',
    ).toEqual([]);
    expect(
      Object.keys(PROBES).filter((k) => !keys.includes(k)),
      'probes without a route',
    ).toEqual([]);
    for (const r of routes) expect(r.access.permission, `${r.method} ${r.url}`).toBeDefined();
  });

  it('allows exactly what the permission matrix allows: 0 unexpected allows, 0 unexpected denies', async () => {
    const declared = new Map(valuta.app.routeAccess.map((r) => [`${r.method} ${r.url}`, r.access]));
    const unexpected: string[] = [];
    let checked = 0;
    for (const [key, probe] of Object.entries(PROBES)) {
      const [method, pattern] = key.split(' ') as [string, string];
      const access = declared.get(key)!;
      const permission = probe.decidedBy ?? access.permission!;
      for (const caller of callers)
        for (const target of probe.targets) {
          const { principal } = caller;
          const routeLetsIn =
            principal !== null &&
            reachOf(principal, access.permission!) !== null &&
            (access.audience !== 'machine' || principal.kind === 'api-key') &&
            (principal.kind !== 'api-key' ||
              access.audience === 'machine' ||
              (API_KEY_SCOPES as readonly string[]).includes(access.permission!));
          const enteId =
            target === 'none'
              ? null
              : target === 'own'
                ? (callers[1]!.principal as { enteId: string }).enteId
                : 'other';
          const expected =
            routeLetsIn &&
            (target === 'none'
              ? reachOf(principal!, permission) !== null
              : mayActOn(principal!, permission, enteId)) &&
            (!probe.onlyWithoutRole || (principal!.kind === 'user' && principal!.role === null));
          const { url, body } = probe.request(target, fixture);
          const auditBefore = await countAudit(valuta);
          const reply = await valuta.app.inject({
            method: method as 'GET',
            url,
            headers: { ...caller.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
            ...(body
              ? { payload: JSON.stringify(body) }
              : method === 'POST'
                ? { payload: '{}', headers: { ...caller.headers, 'content-type': 'application/json' } }
                : {}),
          });
          const allowed = ![401, 403, 404].includes(reply.statusCode);
          checked++;
          if (reply.statusCode >= 500)
            unexpected.push(`${key} as ${caller.name} on ${target}: ${reply.statusCode}`);
          if (allowed !== expected)
            unexpected.push(
              `${key} ${pattern} as ${caller.name} on ${target}: ${reply.statusCode}, expected ${expected ? 'allow' : 'deny'}`,
            );
          if (!allowed && (await countAudit(valuta)) !== auditBefore)
            unexpected.push(`${key} as ${caller.name} on ${target}: denied, yet changed something`);
        }
    }
    console.log(`tenant isolation: ${checked} requests, ${unexpected.length} unexpected`);
    expect(unexpected).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  }, 300_000);

  it('answers another ente’s resource as it answers an unknown one', async () => {
    const admin = callers[1]!;
    const foreign = await valuta.app.inject({
      url: `/api/v1/admin/services/${fixture.service.other}`,
      headers: admin.headers,
    });
    const unknown = await valuta.app.inject({
      url: '/api/v1/admin/services/no-such-service',
      headers: admin.headers,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().type).toBe(unknown.json().type);
  });
});

async function countAudit(valuta: TestValuta): Promise<number> {
  const { n } = await valuta.database.db
    .selectFrom('auditEntry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
