/** Kinds of public digital service: transactional (`dispositivo`) or informational (`consultazione`). */
export const SERVICE_KINDS = ['dispositivo', 'consultazione'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Only `active` services take responses; the transitions are in governance/lifecycle.ts. */
export const SERVICE_STATUSES = ['draft', 'active', 'paused', 'retired'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** Where in the journey the service asks, as GSA Touchpoints records it. */
export const JOURNEY_POINTS = ['after-transaction', 'after-journey', 'any-time'] as const;
export type JourneyPoint = (typeof JOURNEY_POINTS)[number];

/** Whether `value` is a web origin as browsers send it: scheme, host and optional port, nothing else. */
export function isWebOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
