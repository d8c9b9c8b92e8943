/** The admin API's reads, as TanStack Query options: one key per resource, shared by the pages. */
import { queryOptions } from '@tanstack/react-query';
import type { SuggestionsView } from '../domain/suggestions.js';
import { api, withQuery } from './api.js';
import type { QuestionnaireDefinition } from '../domain/questionnaire.js';
import type {
  BenchmarkView,
  CoverageView,
  Grouping,
  PeriodsView,
  ResultsView,
} from '../domain/results-view.js';
import type {
  ApiKey,
  AuditVerdict,
  Ente,
  Invitation,
  QuestionnaireDiff,
  QuestionnaireDraft,
  QuestionnaireFamily,
  RegistryEntry,
  Service,
  ServiceDetail,
  StaffUser,
} from './types.js';

export const enc = encodeURIComponent;

export const entiQuery = (status = '') =>
  queryOptions({
    queryKey: ['enti', status],
    queryFn: () => api.get<{ enti: Ente[] }>(withQuery('/admin/enti', { status })).then((b) => b.enti),
  });

export const enteQuery = (ipaCode: string) =>
  queryOptions({
    queryKey: ['ente', ipaCode],
    queryFn: () => api.get<Ente>(`/admin/enti/${enc(ipaCode)}`),
  });

export const registryQuery = (q: string) =>
  queryOptions({
    queryKey: ['registry', q],
    queryFn: () =>
      api.get<{ entries: RegistryEntry[] }>(withQuery('/admin/registry', { q })).then((b) => b.entries),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });

export const servicesQuery = (ente = '') =>
  queryOptions({
    queryKey: ['services', ente],
    queryFn: () =>
      api.get<{ services: Service[] }>(withQuery('/admin/services', { ente })).then((b) => b.services),
  });

export const serviceQuery = (slug: string) =>
  queryOptions({
    queryKey: ['service', slug],
    queryFn: () => api.get<ServiceDetail>(`/admin/services/${enc(slug)}`),
  });

export const usersQuery = () =>
  queryOptions({
    queryKey: ['users'],
    queryFn: () => api.get<{ users: StaffUser[]; invitations: Invitation[] }>('/admin/users'),
  });

export const apiKeysQuery = () =>
  queryOptions({
    queryKey: ['api-keys'],
    queryFn: () => api.get<{ apiKeys: ApiKey[] }>('/admin/api-keys').then((b) => b.apiKeys),
  });

export const questionnairesQuery = () =>
  queryOptions({
    queryKey: ['questionnaires'],
    queryFn: () =>
      api.get<{ families: QuestionnaireFamily[] }>('/admin/questionnaires').then((b) => b.families),
    staleTime: 5 * 60_000,
  });

/** The open drafts (for whoever may write questionnaires: the central office). */
export const draftsQuery = () =>
  queryOptions({
    queryKey: ['questionnaire-drafts'],
    queryFn: () =>
      api.get<{ drafts: QuestionnaireDraft[] }>('/admin/questionnaire-drafts').then((b) => b.drafts),
  });

/** A draft: asked again whenever the editor opens (staleTime 0: another tab may have saved it). */
export const draftQuery = (id: string) =>
  queryOptions({
    queryKey: ['questionnaire-draft', id],
    queryFn: () => api.get<QuestionnaireDraft>(`/admin/questionnaire-drafts/${enc(id)}`),
    staleTime: 0,
  });

/** A published version's definition: immutable, so read once. */
export const versionQuery = (family: string, version: number) =>
  queryOptions({
    queryKey: ['questionnaire-version', family, version],
    queryFn: () =>
      api.get<QuestionnaireDefinition>(`/admin/questionnaires/${enc(family)}/versions/${version}`),
    staleTime: Infinity,
  });

/** What changed from version `from` to `to` (null: the open draft, which changes as it is saved). */
export const diffQuery = (family: string, from: number, to: number | null) =>
  queryOptions({
    queryKey: ['questionnaire-diff', family, from, to],
    queryFn: () =>
      api.get<QuestionnaireDiff>(withQuery(`/admin/questionnaires/${enc(family)}/diff`, { from, to })),
    staleTime: to === null ? 0 : Infinity,
  });

export const auditVerifyQuery = () =>
  queryOptions({
    queryKey: ['audit-verify'],
    queryFn: () => api.get<AuditVerdict>('/admin/audit/verify'),
    enabled: false,
    gcTime: 0,
  });

/** The hosted citizen page of a draft, rendered by the server (its form validates, never stores). */
export const draftPreviewUrl = (id: string, lang: 'it' | 'en' | 'de') =>
  `/api/v1/admin/questionnaire-drafts/${enc(id)}/preview?lang=${lang}`;

/** The audit trail as CSV, with the filters of the list. */
export const auditExportUrl = (filters: Record<string, string>) =>
  withQuery('/api/v1/admin/audit/export.csv', filters);

/** Where a published version's definition can be read as JSON (the admin API). */
export const questionnaireVersionJsonUrl = (family: string, version: number) =>
  `/api/v1/admin/questionnaires/${enc(family)}/versions/${version}`;

/** A period of the results API: a closed month, quarter or year, or (central office) a day range. */
export type PeriodParams = { readonly period: string } | { readonly from: string; readonly to: string };

/** The filters of `GET /results` the console asks for. */
export interface ResultsParams {
  readonly service?: string;
  readonly groupBy?: Grouping;
  readonly verified?: 'true' | 'false';
}

const periodQuery = (period: PeriodParams) =>
  'period' in period ? { period: period.period } : { from: period.from, to: period.to };

/** The periods the caller may ask for (of a service, or national), newest first. */
export const resultsPeriodsQuery = (service: string) =>
  queryOptions({
    queryKey: ['results-periods', service],
    queryFn: () => api.get<PeriodsView>(withQuery('/results/periods', { service })),
    staleTime: 5 * 60_000,
  });

/** Published results: closed periods do not change (staleTime: a few minutes). */
export const resultsQuery = (period: PeriodParams, params: ResultsParams) =>
  queryOptions({
    queryKey: ['results', period, params],
    queryFn: () => api.get<ResultsView>(withQuery('/results', { ...periodQuery(period), ...params })),
    staleTime: 5 * 60_000,
  });

export const benchmarkQuery = (service: string, period: PeriodParams) =>
  queryOptions({
    queryKey: ['results-benchmark', service, period],
    queryFn: () =>
      api.get<BenchmarkView>(withQuery('/results/benchmark', { service, ...periodQuery(period) })),
    staleTime: 5 * 60_000,
  });

/** Coverage against the national targets (central office only). */
export const coverageQuery = (period: PeriodParams) =>
  queryOptions({
    queryKey: ['results-coverage', period],
    queryFn: () => api.get<CoverageView>(withQuery('/results/coverage', periodQuery(period))),
    staleTime: 5 * 60_000,
  });

/** The filters of `GET /results/suggestions` (the console's names are the API's). */
export interface SuggestionsParams {
  readonly service: string;
  readonly period: string;
  readonly score?: string;
  readonly channel?: string;
  readonly q?: string;
  readonly page?: number;
}

export const suggestionsQuery = (params: SuggestionsParams) =>
  queryOptions({
    queryKey: ['results-suggestions', params],
    queryFn: () => api.get<SuggestionsView>(withQuery('/results/suggestions', { ...params })),
    staleTime: 5 * 60_000,
  });

/** A download of /api/v1/exports (the session's cookie goes with a plain link). */
export const exportUrl = (
  file:
    | 'responses.csv'
    | 'responses.xlsx'
    | 'responses/dictionary.csv'
    | 'indicators.csv'
    | 'indicators.xlsx'
    | 'indicators.sdmx.csv'
    | 'suggestions.csv'
    | 'suggestions.xlsx',
  query: Record<string, string | number | undefined>,
) => withQuery(`/api/v1/exports/${file}`, query);

/** The printable monthly report of a service (a page of the server). */
export const reportUrl = (service: string, month: string) =>
  `/reports/services/${enc(service)}/${enc(month)}`;
