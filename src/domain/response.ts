import { createHash } from 'node:crypto';
import { validateAnswers } from './answers.js';
import { deviceClassOf, type DeviceClass } from './device.js';
import { ValutaError } from './errors.js';
import { overallItem } from './indicators.js';
import { redactPersonalData } from './privacy/redaction.js';
import type { AnswerValue, Answers, Lang, QuestionnaireDefinition } from './questionnaire.js';
import { coarsenToHour, italianDay } from './time.js';

export const CHANNELS = ['web', 'app', 'email', 'qr', 'contact-center'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A client submission id: 8–64 letters, digits, '-' or '_' (a UUID fits). */
export const SUBMISSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** What a channel hands to ingest: the answers and the context it may legitimately know. */
export interface Submission {
  readonly submissionId: string;
  readonly answers: unknown;
  readonly channel: Channel;
  readonly lang: Lang;
  /** Read only to classify the device, then dropped. */
  readonly userAgent?: string | undefined;
  /** A completion token minted by the ente at the end of the procedure (verified completions). */
  readonly completionToken?: string | undefined;
}

/** A redacted free-text answer, stored apart from the answer set it came with. */
export interface Comment {
  readonly itemCode: string;
  readonly text: string;
}

/** A response as it is stored: nothing in it identifies the respondent or the exact time. */
export interface PreparedResponse {
  readonly submissionKey: string;
  readonly submittedHour: Date;
  readonly day: string;
  readonly channel: Channel;
  readonly deviceClass: DeviceClass;
  readonly lang: Lang;
  /** Whether the submission came with a valid completion token. */
  readonly verified: boolean;
  /** Closed answers only; free text goes to `comments`. */
  readonly answers: Answers;
  readonly comments: readonly Comment[];
  /** The answer to the overall item (`overallItem`), which its comments carry; null if unanswered. */
  readonly score: number | null;
}

/**
 * The idempotency key of a submission: a hash, so that a client id that encodes time
 * (a UUIDv7, say) or anything else never reaches the database.
 */
export function submissionKey(serviceId: string, submissionId: string): string {
  return createHash('sha256').update(`${serviceId}\u0000${submissionId}`).digest('hex');
}

/**
 * Validates, redacts and coarsens a submission; throws VALUTA_ERR_INVALID_ANSWERS naming each bad item.
 *
 * `verified` says whether its completion token was checked (see completion-token.ts).
 *
 * @example prepareResponse(definition, serviceId, { submissionId, answers, channel: 'web', lang: 'it' }, new Date())
 */
export function prepareResponse(
  definition: QuestionnaireDefinition,
  serviceId: string,
  submission: Submission,
  receivedAt: Date,
  verified = false,
): PreparedResponse {
  const validation = validateAnswers(definition, submission.answers);
  if (!validation.ok) {
    throw new ValutaError('VALUTA_ERR_INVALID_ANSWERS', 'Some answers are not valid', validation.errors);
  }
  const answers: Record<string, AnswerValue> = {};
  const comments: Comment[] = [];
  for (const item of definition.items) {
    const value = validation.answers[item.code];
    if (value === undefined) continue;
    if (item.type === 'text')
      comments.push({ itemCode: item.code, text: redactPersonalData(value as string) });
    else answers[item.code] = value;
  }
  return {
    submissionKey: submissionKey(serviceId, submission.submissionId),
    submittedHour: coarsenToHour(receivedAt),
    day: italianDay(receivedAt),
    channel: submission.channel,
    deviceClass: deviceClassOf(submission.userAgent),
    lang: submission.lang,
    verified,
    answers,
    comments,
    score: scoreOf(definition, answers),
  };
}

function scoreOf(definition: QuestionnaireDefinition, answers: Answers): number | null {
  const code = overallItem(definition)?.code;
  const value = code === undefined ? undefined : answers[code];
  return typeof value === 'number' ? value : null;
}
