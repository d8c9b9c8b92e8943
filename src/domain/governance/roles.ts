/**
 * Who may do what: the permission matrix of the console and the admin API. It is the only place
 * where roles meet permissions; docs/security.md shows it as a table (a test keeps them equal).
 */

/** The central statistical office; an ente's administrator; an ente's analyst. */
export const ROLES = ['platform-admin', 'ente-admin', 'ente-analyst'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  // one's own account: the session, signing out, TOTP
  'account',
  'registry:read',
  'enti:read',
  'enti:request',
  'enti:decide',
  'enti:create',
  'services:read',
  'services:write',
  'users:read',
  'users:invite',
  'api-keys:read',
  'api-keys:write',
  'questionnaires:read',
  'questionnaires:write',
  'results:read',
  'results:export',
  'audit:read',
  'audit:verify',
  // publishing a month of open data (a frozen release)
  'open-data:publish',
  'responses:write',
  'completion-tokens:mint',
  // Prometheus scraping /metrics with METRICS_TOKEN
  'metrics:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The matrix. `ente` scopes a permission to the person's own ente; `all` reaches every ente.
 * `enti:request` is for a person signed in without a role (see `NO_ROLE_PERMISSIONS`).
 */
export type Reach = 'all' | 'ente';
export const PERMISSION_MATRIX: Readonly<Record<Role, Partial<Record<Permission, Reach>>>> = {
  'platform-admin': {
    account: 'all',
    'registry:read': 'all',
    'enti:read': 'all',
    'enti:decide': 'all',
    'enti:create': 'all',
    'services:read': 'all',
    'services:write': 'all',
    'users:read': 'all',
    'users:invite': 'all',
    'api-keys:read': 'all',
    'api-keys:write': 'all',
    'questionnaires:read': 'all',
    'questionnaires:write': 'all',
    'results:read': 'all',
    'results:export': 'all',
    'audit:read': 'all',
    'audit:verify': 'all',
    'open-data:publish': 'all',
  },
  'ente-admin': {
    account: 'all',
    'enti:read': 'ente',
    'services:read': 'ente',
    'services:write': 'ente',
    'users:read': 'ente',
    'users:invite': 'ente',
    'api-keys:read': 'ente',
    'api-keys:write': 'ente',
    'questionnaires:read': 'all',
    'results:read': 'ente',
    'results:export': 'ente',
    'audit:read': 'ente',
  },
  'ente-analyst': {
    account: 'all',
    'enti:read': 'ente',
    'services:read': 'ente',
    'questionnaires:read': 'all',
    'results:read': 'ente',
    'results:export': 'ente',
  },
};

/** What a person signed in without a role may do: use their account, ask for an ente to join. */
export const NO_ROLE_PERMISSIONS: readonly Permission[] = ['account', 'registry:read', 'enti:request'];

/** The scopes of an API key: each is the permission of that name, over the key's own ente only. */
export const API_KEY_SCOPES = [
  'responses:write',
  'results:read',
  'results:export',
  'completion-tokens:mint',
] as const satisfies readonly Permission[];
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** A principal: who is asking, as the access layer established it. */
export type Principal =
  | {
      readonly kind: 'user';
      readonly id: string;
      readonly email: string;
      readonly role: Role | null;
      readonly enteId: string | null;
    }
  | {
      readonly kind: 'api-key';
      readonly id: string;
      readonly name: string;
      readonly enteId: string;
      readonly scopes: readonly ApiKeyScope[];
    }
  | { readonly kind: 'operator' }
  | {
      readonly kind: 'cli';
      /** The operating-system user who ran the command. */
      readonly operator: string;
    };

/**
 * How far `principal` holds `permission`: over every ente, over one ente (its id), or not at all.
 * The CLI is the operator of the installation and holds every permission.
 */
export function reachOf(
  principal: Principal,
  permission: Permission,
): { all: true } | { ente: string } | null {
  if (principal.kind === 'cli') return { all: true };
  // The operations tooling that holds METRICS_TOKEN reads the metrics, nothing else.
  if (principal.kind === 'operator') return permission === 'metrics:read' ? { all: true } : null;
  if (principal.kind === 'api-key')
    return (principal.scopes as readonly Permission[]).includes(permission)
      ? { ente: principal.enteId }
      : null;
  if (principal.role === null) return NO_ROLE_PERMISSIONS.includes(permission) ? { all: true } : null;
  const reach = PERMISSION_MATRIX[principal.role][permission];
  if (reach === undefined) return null;
  return reach === 'all' ? { all: true } : { ente: principal.enteId! };
}

/** The one ente `principal` holds `permission` over, or undefined when it reaches every ente (or none). */
export function enteScopeOf(principal: Principal, permission: Permission): string | undefined {
  const reach = reachOf(principal, permission);
  return reach !== null && 'ente' in reach ? reach.ente : undefined;
}

/** Whether `principal` may act on `permission` over the ente `enteId` (null: no ente yet). */
export function mayActOn(principal: Principal, permission: Permission, enteId: string | null): boolean {
  const reach = reachOf(principal, permission);
  if (reach === null) return false;
  return 'all' in reach || reach.ente === enteId;
}
