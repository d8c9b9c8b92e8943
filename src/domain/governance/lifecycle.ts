/**
 * The two state machines of governance, as data: an ente's adhesion and a service's life. A
 * transition is an operation with a name; a status is never set freely (docs/governance.md).
 */
import { ValutaError } from '../errors.js';

export const ENTE_STATUSES = ['requested', 'active', 'suspended', 'rejected'] as const;
export type EnteStatus = (typeof ENTE_STATUSES)[number];

/** requested → active ⇄ suspended; requested → rejected (with a reason). */
export const ENTE_TRANSITIONS = {
  approve: { from: ['requested'], to: 'active' },
  reject: { from: ['requested'], to: 'rejected' },
  suspend: { from: ['active'], to: 'suspended' },
  reactivate: { from: ['suspended'], to: 'active' },
} as const satisfies Record<string, { from: readonly EnteStatus[]; to: EnteStatus }>;
export type EnteTransition = keyof typeof ENTE_TRANSITIONS;

/** draft → active ⇄ paused; any → retired. Only an active service takes responses. */
export const SERVICE_TRANSITIONS = {
  activate: { from: ['draft'], to: 'active' },
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  retire: { from: ['draft', 'active', 'paused'], to: 'retired' },
} as const satisfies Record<string, { from: readonly string[]; to: string }>;
export type ServiceTransition = keyof typeof SERVICE_TRANSITIONS;

interface Machine<S extends string> {
  readonly [operation: string]: { readonly from: readonly S[]; readonly to: S };
}

/**
 * The status after `operation` from `status`, or a 409 problem naming what is allowed from there.
 * @example nextStatus(ENTE_TRANSITIONS, 'approve', 'requested') // 'active'
 */
export function nextStatus<S extends string, M extends Machine<S>>(
  machine: M,
  operation: keyof M & string,
  status: S,
): M[typeof operation]['to'] {
  const transition = machine[operation]!;
  if (!transition.from.includes(status)) {
    const allowed = Object.entries(machine)
      .filter(([, t]) => t.from.includes(status))
      .map(([name]) => name);
    throw new ValutaError(
      'VALUTA_ERR_INVALID_TRANSITION',
      `Cannot ${operation} from ${status}; allowed from ${status}: ${allowed.join(', ') || 'nothing'}`,
    );
  }
  return transition.to;
}
