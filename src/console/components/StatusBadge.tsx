import type { EnteStatus, ServiceStatus, UserStatus } from '../types.js';

type Status = EnteStatus | ServiceStatus | UserStatus;

/** Colours with white text at 4.5:1 or more (Bootstrap Italia's primary, success, danger, dark). */
const TONE: Record<Status, string> = {
  active: 'bg-success',
  requested: 'bg-primary',
  invited: 'bg-primary',
  draft: 'bg-dark',
  paused: 'bg-dark',
  suspended: 'bg-danger',
  locked: 'bg-danger',
  rejected: 'bg-dark',
  retired: 'bg-dark',
  disabled: 'bg-dark',
};

export function StatusBadge({ status, label }: { status: Status; label: string }) {
  return <span className={`badge ${TONE[status]}`}>{label}</span>;
}
