import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  API_KEY_SCOPES,
  NO_ROLE_PERMISSIONS,
  PERMISSION_MATRIX,
  PERMISSIONS,
  ROLES,
} from '../src/domain/governance/roles.js';

describe('docs/security.md', () => {
  it('shows the permission matrix of the code, cell for cell', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'security.md'), 'utf8');
    const table = doc
      .split('<!-- permission-matrix:start -->')[1]!
      .split('<!-- permission-matrix:end -->')[0]!;
    const rows = table
      .trim()
      .split('\n')
      .slice(2)
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim().replaceAll('`', '')),
      );
    const fromCode = PERMISSIONS.map((p) => [
      p,
      ...ROLES.map((r) => PERMISSION_MATRIX[r][p] ?? '—'),
      NO_ROLE_PERMISSIONS.includes(p) ? 'all' : '—',
      (API_KEY_SCOPES as readonly string[]).includes(p) ? 'ente' : '—',
    ]);
    expect(rows).toEqual(fromCode);
  });
});
