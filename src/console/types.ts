/** The admin API's bodies as the console reads them (docs/console.md lists the calls). */
import type { ApiKeyScope, Role } from '../domain/governance/roles.js';
import type { EnteStatus } from '../domain/governance/lifecycle.js';
import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import type { Channel } from '../domain/response.js';
import type { JourneyPoint, ServiceKind, ServiceStatus } from '../domain/service.js';

export type { ApiKeyScope, Channel, EnteStatus, JourneyPoint, Role, ServiceKind, ServiceStatus };

/**
 * The channels of domain/response.ts, in the order the form shows them (that module is the
 * server's write path: only its type is imported). tsc fails if one is missing here.
 */
export const CHANNELS = ['web', 'qr', 'email', 'app', 'contact-center'] as const satisfies readonly Channel[];
const everyChannel: Exclude<Channel, (typeof CHANNELS)[number]> extends never ? true : never = true;
void everyChannel;

export const USER_STATUSES = ['active', 'invited', 'locked', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface EnteRef {
  readonly id: string;
  readonly ipaCode: string;
  readonly name: string;
}

export interface User {
  readonly id: string;
  readonly email: string;
  readonly role: Role | null;
  readonly ente: EnteRef | null;
}

/** What sign-in, the session and an accepted invitation answer. */
export interface SessionBody {
  readonly user: User;
  readonly csrfToken: string;
}

export interface Providers {
  readonly oidc: boolean;
}

export interface RegistryEntry {
  readonly ipaCode: string;
  readonly name: string;
  readonly kind: string;
  readonly region: string | null;
}

export interface Ente {
  readonly id: string;
  readonly ipaCode: string;
  readonly name: string;
  readonly kind: string;
  readonly region: string | null;
  readonly status: EnteStatus;
  readonly rtdName: string | null;
  readonly rtdEmail: string | null;
  readonly rejectionReason: string | null;
  readonly createdAt: string;
}

export interface Service {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly url: string | null;
  readonly kind: ServiceKind;
  readonly family: string;
  readonly status: ServiceStatus;
  readonly channels: readonly Channel[];
  readonly allowedOrigins: readonly string[];
  readonly journeyPoint: JourneyPoint;
  readonly pinnedVersion: number | null;
  /** Whether a completion-token signing secret has been made (absent from older servers). */
  readonly hasCompletionSecret?: boolean;
  readonly ente: EnteRef;
}

export interface ServiceDetail extends Service {
  /** The console shows the snippet; the other fields are for tools. */
  readonly embed: {
    readonly snippet: string;
    readonly integrity: string;
  };
  readonly links: {
    readonly hosted: string;
    readonly qrSvg: string;
    readonly qrPng: string;
    readonly poster: string;
  };
}

/** The body of POST /admin/services; PATCH takes the same fields less slug and ente, plus pinnedVersion. */
export interface ServiceInput {
  readonly ente?: string;
  readonly slug: string;
  readonly name: string;
  readonly url: string;
  readonly kind: ServiceKind;
  readonly family: string;
  readonly channels: readonly Channel[];
  readonly allowedOrigins: readonly string[];
  readonly journeyPoint: JourneyPoint;
}
export type ServicePatch = Partial<Omit<ServiceInput, 'slug' | 'ente'>> & {
  readonly pinnedVersion?: number | null;
};

export interface StaffUser extends User {
  readonly status: UserStatus;
}

export interface Invitation {
  readonly email: string;
  readonly role: Role;
  /** The ente's IPA code (or, from older servers, the ente). */
  readonly ente: string | EnteRef | null;
  readonly expiresAt: string;
}

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly ente: EnteRef | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedHour: string | null;
}

export interface QuestionnaireFamily {
  readonly family: string;
  readonly versions: readonly {
    readonly id: string;
    readonly version: number;
    readonly publishedAt: string;
    readonly title: string;
  }[];
}

/** An open draft of a family's next version (one per family at a time). */
export interface QuestionnaireDraft {
  readonly id: string;
  readonly family: string;
  readonly definition: QuestionnaireDefinition;
  readonly updatedAt: string;
}

/** What changed between two versions of a family, as the API answers it. */
export type { QuestionnaireDiff } from '../domain/questionnaire-diff.js';

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actorKind: string;
  readonly actorLabel: string;
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string;
  /** What changed: a sentence, or the fields of the operation. */
  readonly summary: string | Readonly<Record<string, unknown>>;
}

export type AuditVerdict =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly seq: number; readonly reason: string };
