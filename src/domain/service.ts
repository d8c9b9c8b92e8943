/** Kinds of public digital service: transactional (`dispositivo`) or informational (`consultazione`). */
export const SERVICE_KINDS = ['dispositivo', 'consultazione'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Only `active` services take responses. */
export const SERVICE_STATUSES = ['active', 'paused', 'retired'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** Whether `value` is a web origin as browsers send it: scheme, host and optional port, nothing else. */
export function isWebOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
