/**
 * What the console shows a person: the permission matrix of domain/governance/roles.ts, the
 * same one the server enforces. Hiding is a courtesy; the server decides (403/404 are shown).
 */
import { NO_ROLE_PERMISSIONS, PERMISSION_MATRIX, type Permission } from '../domain/governance/roles.js';
import type { User } from './types.js';

export function can(user: User | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  if (user.role === null) return NO_ROLE_PERMISSIONS.includes(permission);
  return PERMISSION_MATRIX[user.role][permission] !== undefined;
}

/** Whether the person sees every ente (the central office), not only their own. */
export function seesAllEnti(user: User | null | undefined): boolean {
  return user?.role === 'platform-admin';
}
