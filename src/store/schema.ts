import type { ColumnType, Generated } from 'kysely';
import type { DeviceClass } from '../domain/device.js';
import type { Answers, Lang, QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { Channel } from '../domain/response.js';
import type { ActorKind } from '../domain/governance/audit.js';
import type { EnteStatus } from '../domain/governance/lifecycle.js';
import type { ApiKeyScope, Role } from '../domain/governance/roles.js';
import type { JourneyPoint, ServiceKind, ServiceStatus } from '../domain/service.js';

/** A day column: written as 'YYYY-MM-DD', read back as that string (see database.ts type parsers). */
type Day = string;
type Count = ColumnType<number, number, number>;

export interface EnteTable {
  id: Generated<string>;
  ipaCode: string;
  name: string;
  kind: string;
  createdAt: Generated<Date>;
  status: Generated<EnteStatus>;
  region: string | null;
  /** The Responsabile per la Transizione al Digitale named in the request to join. */
  rtdName: string | null;
  rtdEmail: string | null;
  rejectionReason: string | null;
  /** Who asked for the ente to join: they become its ente-admin on approval. */
  requestedBy: string | null;
}

export interface ServiceTable {
  id: Generated<string>;
  enteId: string;
  slug: string;
  name: string;
  url: string | null;
  kind: ServiceKind;
  family: string;
  status: Generated<ServiceStatus>;
  /** Origins (scheme://host[:port]) whose pages may submit through the widget. */
  allowedOrigins: Generated<string[]>;
  /** Signs the service's completion tokens (base64url); null until an ente asks for one. */
  completionKey: string | null;
  createdAt: Generated<Date>;
  channels: Generated<string[]>;
  journeyPoint: Generated<JourneyPoint>;
  /** A questionnaire version the ente-admin pinned; null follows the family's latest. */
  pinnedVersion: number | null;
}

export interface QuestionnaireVersionTable {
  id: Generated<string>;
  family: string;
  version: number;
  definition: ColumnType<QuestionnaireDefinition, string, never>;
  publishedAt: Generated<Date>;
}

export interface ResponseTable {
  id: string;
  serviceId: string;
  questionnaireVersionId: string;
  submissionKey: string;
  submittedHour: Date;
  channel: Channel;
  deviceClass: DeviceClass;
  lang: Lang;
  verified: Generated<boolean>;
  answers: ColumnType<Answers, string, never>;
  /** The free-text items it answered (their text is a comment, stored apart). */
  textItems: Generated<string[]>;
}

export interface CommentTable {
  id: string;
  serviceId: string;
  day: Day;
  itemCode: string;
  lang: Lang;
  text: string;
  /** The response's channel (null for comments stored before migration 0008). */
  channel: Channel | null;
  /** The response's answer to the overall item (domain/indicators.ts `overallItem`), if any. */
  score: number | null;
}

/** A comment waiting for its release into `comment`. */
export type CommentPendingTable = Omit<CommentTable, 'id'>;

/** Items answered, per service, version, Italian day, item and value ('*' = answered). */
export interface RollupItemDayTable {
  serviceId: string;
  day: Day;
  questionnaireVersionId: string;
  itemCode: string;
  value: string;
  count: Count;
}

/** Items answered per month (its first day), crossed with the breakdowns. */
export interface RollupItemMonthTable {
  serviceId: string;
  month: Day;
  questionnaireVersionId: string;
  channel: Channel;
  deviceClass: DeviceClass;
  lang: Lang;
  verified: boolean;
  itemCode: string;
  value: string;
  count: Count;
}

/** Items answered per month (its first day) and channel only, and the responses (item `#`, value `*`). */
export interface RollupMonthTable {
  serviceId: string;
  month: Day;
  questionnaireVersionId: string;
  channel: Channel;
  itemCode: string;
  value: string;
  count: Count;
}

/** Responses per Italian day, crossed with the breakdowns. */
export interface RollupResponseDayTable {
  serviceId: string;
  day: Day;
  questionnaireVersionId: string;
  channel: Channel;
  deviceClass: DeviceClass;
  lang: Lang;
  verified: boolean;
  count: Count;
}

/** Per month: raised by every release that moves responses into it and by every rebuild (migration 0006). */
export interface RollupGenerationTable {
  /** The first day of the month, 'YYYY-MM-01'. */
  month: string;
  generation: Count;
}

/** A completion token already used (single use). */
export interface CompletionTokenTable {
  tokenHash: string;
  serviceId: string;
  /** sha256(token id ‖ submission id): recognises a retry, joins nothing. */
  claimer: string;
  expiresHour: Date;
}

/** Openings of a questionnaire (widget or hosted page) per service, day and channel. */
export interface OpeningTable {
  serviceId: string;
  day: Day;
  channel: Channel;
  count: Count;
}

/** A widget bundle some release served, kept so that pinned snippets keep working. */
export interface WidgetVersionTable {
  version: string;
  code: string;
  publishedAt: Generated<Date>;
}

export interface IpaRegistryTable {
  ipaCode: string;
  name: string;
  fiscalCode: string | null;
  kind: string;
  category: string | null;
  istatComune: string | null;
  region: string | null;
  website: string | null;
  email: string | null;
}

export interface StaffUserTable {
  id: Generated<string>;
  email: string;
  role: Role | null;
  enteId: string | null;
  passwordHash: string | null;
  oidcSubject: string | null;
  totpSecret: string | null;
  failedLogins: Generated<number>;
  lockedUntil: Date | null;
  disabled: Generated<boolean>;
  createdAt: Generated<Date>;
}

export interface StaffSessionTable {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Generated<Date>;
  lastSeenAt: Generated<Date>;
}

export interface InvitationTable {
  tokenHash: string;
  email: string;
  role: Role;
  enteId: string | null;
  invitedBy: string | null;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface ApiKeyTable {
  id: Generated<string>;
  enteId: string;
  name: string;
  secretHash: string;
  scopes: ApiKeyScope[];
  createdAt: Generated<Date>;
  revokedAt: Date | null;
  lastUsedHour: Date | null;
}

export interface QuestionnaireDraftTable {
  id: Generated<string>;
  family: string;
  definition: ColumnType<QuestionnaireDefinition, string, string>;
  updatedAt: Generated<Date>;
}

export interface AuditEntryTable {
  seq: number;
  at: Date;
  actorKind: ActorKind;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetKind: string;
  targetId: string;
  enteId: string | null;
  summary: ColumnType<Record<string, unknown>, string, never>;
  prevHash: string;
  hash: string;
}

/** A month of open data as published (migration 0008): frozen, a correction is a new release. */
export interface OpenDataReleaseTable {
  /** The first day of the month, 'YYYY-MM-01'. */
  month: Day;
  release: number;
  publishedAt: Generated<Date>;
  /** Who published it (the audit trail's actor label). */
  publishedBy: string;
  /** Why a correction was published; null for a month's first release. */
  note: string | null;
  body: ColumnType<unknown, string, never>;
}

/** A status a service took, and when (written by a trigger on `service`). */
export interface ServiceStatusChangeTable {
  serviceId: string;
  status: ServiceStatus;
  at: Generated<Date>;
}

export interface Schema {
  ente: EnteTable;
  service: ServiceTable;
  questionnaireVersion: QuestionnaireVersionTable;
  response: ResponseTable;
  /** A response acknowledged and waiting for its release into `response` (same columns). */
  responsePending: ResponseTable;
  comment: CommentTable;
  commentPending: CommentPendingTable;
  rollupItemDay: RollupItemDayTable;
  rollupItemMonth: RollupItemMonthTable;
  rollupMonth: RollupMonthTable;
  rollupResponseDay: RollupResponseDayTable;
  rollupGeneration: RollupGenerationTable;
  completionToken: CompletionTokenTable;
  opening: OpeningTable;
  widgetVersion: WidgetVersionTable;
  ipaRegistry: IpaRegistryTable;
  staffUser: StaffUserTable;
  staffSession: StaffSessionTable;
  invitation: InvitationTable;
  apiKey: ApiKeyTable;
  auditEntry: AuditEntryTable;
  questionnaireDraft: QuestionnaireDraftTable;
  serviceStatusChange: ServiceStatusChangeTable;
  openDataRelease: OpenDataReleaseTable;
}
