import { describe, expect, it } from 'vitest';
import {
  ENTE_STATUSES,
  ENTE_TRANSITIONS,
  nextStatus,
  type EnteStatus,
  SERVICE_TRANSITIONS,
} from '../../src/domain/governance/lifecycle.js';
import { SERVICE_STATUSES } from '../../src/domain/service.js';

/** Every (operation, status) pair, with the status it leads to or null when refused. */
function table(
  machine: Record<string, { from: readonly string[]; to: string }>,
  statuses: readonly string[],
) {
  return Object.keys(machine).flatMap((operation) =>
    statuses.map((status) => {
      try {
        return [operation, status, nextStatus(machine as never, operation as never, status as never)];
      } catch {
        return [operation, status, null];
      }
    }),
  );
}

describe('adhesion of an ente: requested → active ⇄ suspended, requested → rejected', () => {
  it('allows exactly these transitions and refuses every other pair', () => {
    expect(table(ENTE_TRANSITIONS, ENTE_STATUSES).filter(([, , to]) => to !== null)).toEqual([
      ['approve', 'requested', 'active'],
      ['reject', 'requested', 'rejected'],
      ['suspend', 'active', 'suspended'],
      ['reactivate', 'suspended', 'active'],
    ]);
    expect(table(ENTE_TRANSITIONS, ENTE_STATUSES).filter(([, , to]) => to === null)).toHaveLength(12);
  });

  it('says what is allowed from the current state when it refuses', () => {
    expect(() => nextStatus(ENTE_TRANSITIONS, 'approve', 'active' as EnteStatus)).toThrow(
      'Cannot approve from active; allowed from active: suspend',
    );
    expect(() => nextStatus(ENTE_TRANSITIONS, 'reactivate', 'rejected' as EnteStatus)).toThrow(
      'allowed from rejected: nothing',
    );
  });
});

describe('life of a service: draft → active ⇄ paused, any → retired', () => {
  it('allows exactly these transitions and refuses every other pair', () => {
    expect(table(SERVICE_TRANSITIONS, SERVICE_STATUSES).filter(([, , to]) => to !== null)).toEqual([
      ['activate', 'draft', 'active'],
      ['pause', 'active', 'paused'],
      ['resume', 'paused', 'active'],
      ['retire', 'draft', 'retired'],
      ['retire', 'active', 'retired'],
      ['retire', 'paused', 'retired'],
    ]);
    expect(table(SERVICE_TRANSITIONS, SERVICE_STATUSES).filter(([, , to]) => to === null)).toHaveLength(10);
  });
});
