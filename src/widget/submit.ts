import type { Lang } from './messages.js';

/** What the widget posts to /api/v1/services/{slug}/responses. */
export interface SubmissionBody {
  readonly submissionId: string;
  readonly answers: Readonly<Record<string, number | string | readonly string[]>>;
  readonly channel: string;
  readonly lang: Lang;
  readonly completionToken?: string;
  readonly honeypot?: string;
}

export interface FieldError {
  readonly item: string;
  readonly code: string;
}

/** How a submission ended, as far as the citizen needs to know. */
export type Outcome =
  | { readonly kind: 'stored' }
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError[] }
  | { readonly kind: 'refused'; readonly reason: 'token-used' | 'token-invalid' | 'origin' | 'other' }
  | { readonly kind: 'queued' };

/** Submissions not yet answered by the platform, kept in the host page's localStorage. */
export const PENDING_KEY = 'valuta-feedback:pending';
// A day: long enough to outlast an outage, short enough that answers (free text included) do
// not linger in a shared browser.
const KEEP_MS = 86_400_000;
const ATTEMPTS = 4;

interface Pending {
  readonly url: string;
  readonly body: SubmissionBody;
  readonly until: number;
}

function readPending(): Pending[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(PENDING_KEY) ?? '[]');
    return Array.isArray(list) ? (list as Pending[]) : [];
  } catch {
    return [];
  }
}

function writePending(list: readonly Pending[]): void {
  try {
    if (list.length > 0) localStorage.setItem(PENDING_KEY, JSON.stringify(list));
    else localStorage.removeItem(PENDING_KEY);
  } catch {
    // Storage disabled or full: the submission is retried in this page view only.
  }
}

const forget = (submissionId: string) =>
  writePending(readPending().filter((p) => p.body.submissionId !== submissionId));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait before attempt `attempt + 1`: Retry-After when the platform says, else exponential with jitter. */
function backoff(attempt: number, retryAfter: number): number {
  if (retryAfter > 0) return Math.min(retryAfter, 60) * 1000;
  return 2 ** (attempt - 1) * 1000 * (0.5 + Math.random() / 2);
}

async function outcomeOf(reply: Response): Promise<Outcome> {
  const problem = (await reply.json().catch(() => ({}))) as { type?: string; errors?: FieldError[] };
  if (problem.type === 'urn:valuta:problem:invalid-completion-token')
    return { kind: 'refused', reason: 'token-invalid' };
  if (reply.status === 422) return { kind: 'invalid', errors: problem.errors ?? [] };
  if (problem.type === 'urn:valuta:problem:completion-token-used')
    return { kind: 'refused', reason: 'token-used' };
  if (reply.status === 403) return { kind: 'refused', reason: 'origin' };
  return { kind: 'refused', reason: 'other' };
}

/**
 * Posts `body`, retrying network errors, 429 and 5xx up to `attempts` times. A completion token
 * the platform finds invalid (expired, say) is dropped and the response sent unverified, as the
 * hosted page does: the citizen's answers matter more than the proof.
 */
async function post(url: string, original: SubmissionBody, attempts: number): Promise<Outcome> {
  let body = original;
  for (let attempt = 1; ; attempt++) {
    let retryAfter = 0;
    try {
      const reply = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'omit',
      });
      if (reply.ok) return { kind: 'stored' };
      if (reply.status !== 429 && reply.status < 500) {
        const outcome = await outcomeOf(reply);
        if (
          outcome.kind !== 'refused' ||
          outcome.reason !== 'token-invalid' ||
          body.completionToken === undefined
        )
          return outcome;
        body = { ...body, completionToken: undefined };
        attempt -= 1;
        continue;
      }
      // Readable cross-origin only when the platform exposes it (Access-Control-Expose-Headers).
      retryAfter = Number(reply.headers.get('retry-after')) || 0;
    } catch {
      // Offline or the platform unreachable: retried like a 503.
    }
    if (attempt >= attempts) return { kind: 'queued' };
    await sleep(backoff(attempt, retryAfter));
  }
}

/**
 * Sends a response: kept in localStorage until the platform answers it (201, or a 4xx that no
 * retry would change), so that a page closed mid-retry sends it on the next page load.
 */
export async function sendResponse(url: string, body: SubmissionBody): Promise<Outcome> {
  writePending([...readPending(), { url, body, until: Date.now() + KEEP_MS }]);
  const outcome = await post(url, body, ATTEMPTS);
  if (outcome.kind !== 'queued') forget(body.submissionId);
  return outcome;
}

/** Sends what earlier page views of this site left unsent to `platform`; drops what expired. */
export async function sendPending(platform: string): Promise<void> {
  const now = Date.now();
  const all = readPending();
  if (all.some((p) => p.until < now)) writePending(all.filter((p) => p.until >= now));
  for (const pending of all) {
    if (pending.until < now || !pending.url.startsWith(`${platform}/`)) continue;
    const outcome = await post(pending.url, pending.body, 2);
    if (outcome.kind !== 'queued') forget(pending.body.submissionId);
  }
}

/** The questionnaire of `slug`, as GET /api/v1/services/{slug}/questionnaire gives it. */
export async function loadQuestionnaire<Q>(platform: string, slug: string): Promise<Q> {
  const reply = await fetch(`${platform}/api/v1/services/${encodeURIComponent(slug)}/questionnaire`, {
    credentials: 'omit',
  });
  if (!reply.ok) throw new Error(`questionnaire: HTTP ${reply.status}`);
  return (await reply.json()) as Q;
}

const opened = new Set<string>();

/** Counts one anonymous opening of the questionnaire of `slug`, once per page view. */
export function countOpening(platform: string, slug: string, channel: string): void {
  if (opened.has(slug)) return;
  opened.add(slug);
  fetch(`${platform}/api/v1/services/${encodeURIComponent(slug)}/openings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel }),
    credentials: 'omit',
    keepalive: true,
  }).catch(() => undefined);
}
