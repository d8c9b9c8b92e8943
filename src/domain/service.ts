/** Kinds of public digital service: transactional (`dispositivo`) or informational (`consultazione`). */
export const SERVICE_KINDS = ['dispositivo', 'consultazione'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Only `active` services take responses. */
export const SERVICE_STATUSES = ['active', 'paused', 'retired'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
