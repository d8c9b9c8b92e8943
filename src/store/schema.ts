import type { ColumnType, Generated } from 'kysely';
import type { DeviceClass } from '../domain/device.js';
import type { Answers, Lang, QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { Channel } from '../domain/response.js';
import type { ServiceKind, ServiceStatus } from '../domain/service.js';

/** A day column: written as 'YYYY-MM-DD', read back as that string (see database.ts type parsers). */
type Day = string;
type Count = ColumnType<number, number, number>;

export interface EnteTable {
  id: Generated<string>;
  ipaCode: string;
  name: string;
  kind: string;
  createdAt: Generated<Date>;
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
}

export interface CommentTable {
  id: string;
  serviceId: string;
  day: Day;
  itemCode: string;
  lang: Lang;
  text: string;
}

/** A comment waiting for its release into `comment`. */
export interface CommentPendingTable {
  serviceId: string;
  day: Day;
  itemCode: string;
  lang: Lang;
  text: string;
}

export interface RollupTable {
  serviceId: string;
  day: Day;
  itemCode: string;
  value: string;
  count: Count;
}

export interface RollupResponseTable {
  serviceId: string;
  day: Day;
  channel: Channel;
  deviceClass: DeviceClass;
  lang: Lang;
  verified: Generated<boolean>;
  count: Count;
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

export interface Schema {
  ente: EnteTable;
  service: ServiceTable;
  questionnaireVersion: QuestionnaireVersionTable;
  response: ResponseTable;
  /** A response acknowledged and waiting for its release into `response` (same columns). */
  responsePending: ResponseTable;
  comment: CommentTable;
  commentPending: CommentPendingTable;
  rollup: RollupTable;
  rollupResponse: RollupResponseTable;
  completionToken: CompletionTokenTable;
  opening: OpeningTable;
  widgetVersion: WidgetVersionTable;
}
