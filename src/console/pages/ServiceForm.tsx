/**
 * /console/servizi/nuovo and /console/servizi/:slug/modifica: registering a service (in draft)
 * and editing it. The same fields; a new service also takes its slug and, for the central
 * office, its ente; an edited one may pin its questionnaire version.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isWebOrigin, JOURNEY_POINTS, SERVICE_KINDS } from '../../domain/service.js';
import { api } from '../api.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import { CheckboxGroup, RadioGroup, SelectField, TextArea, TextField } from '../components/fields.js';
import { Notice } from '../components/Notice.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { describeError, fieldErrors, type FormError } from '../errors.js';
import { useT } from '../i18n/index.js';
import { seesAllEnti } from '../permissions.js';
import { enc, entiQuery, questionnairesQuery, serviceQuery } from '../queries.js';
import { useSession } from '../session.js';
import {
  CHANNELS,
  type Channel,
  type JourneyPoint,
  type Service,
  type ServiceDetail,
  type ServiceKind,
} from '../types.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface Values {
  ente: string;
  name: string;
  slug: string;
  url: string;
  kind: ServiceKind | '';
  channels: Channel[];
  family: string;
  allowedOrigins: string;
  journeyPoint: JourneyPoint | '';
  pinnedVersion: string;
}

const EMPTY: Values = {
  ente: '',
  name: '',
  slug: '',
  url: '',
  kind: '',
  channels: ['web'],
  family: '',
  allowedOrigins: '',
  journeyPoint: '',
  pinnedVersion: '',
};

const valuesOf = (service: Service): Values => ({
  ente: service.ente.ipaCode,
  name: service.name,
  slug: service.slug,
  url: service.url ?? '',
  kind: service.kind,
  channels: [...service.channels],
  family: service.family,
  allowedOrigins: service.allowedOrigins.join('\n'),
  journeyPoint: service.journeyPoint,
  pinnedVersion: service.pinnedVersion === null ? '' : String(service.pinnedVersion),
});

/** "permesso ZTL più" → "permesso-ztl-piu": a first slug from the name. */
function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function ServiceNew() {
  return <ServiceForm existing={null} />;
}

export function ServiceEdit() {
  const t = useT();
  const { slug = '' } = useParams();
  const service = useQuery(serviceQuery(slug));
  if (service.isPending || service.isError)
    return (
      <Page title={t.service.loadingTitle}>
        {service.isPending ? <Loading /> : <LoadError error={service.error} />}
      </Page>
    );
  return <ServiceForm existing={service.data} />;
}

function ServiceForm({ existing }: { existing: ServiceDetail | null }) {
  const t = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const choosesEnte = existing === null && seesAllEnti(user);
  const [values, setValues] = useState<Values>(existing ? valuesOf(existing) : EMPTY);
  const [slugTouched, setSlugTouched] = useState(existing !== null);
  const [error, setError] = useState<FormError | null>(null);
  const [saved, setSaved] = useState(0);
  const enti = useQuery({ ...entiQuery('active'), enabled: choosesEnte });
  const families = useQuery(questionnairesQuery());
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((current) => ({ ...current, [key]: value }));

  const origins = values.allowedOrigins
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

  const save = useMutation({
    mutationFn: async (): Promise<Service> => {
      const url = values.url.trim();
      const common = {
        name: values.name.trim(),
        ...(url !== '' ? { url } : existing ? { url: null } : {}),
        kind: values.kind as ServiceKind,
        family: values.family,
        channels: values.channels,
        allowedOrigins: origins,
        journeyPoint: values.journeyPoint as JourneyPoint,
      };
      if (existing)
        return api.patch<Service>(`/admin/services/${enc(existing.slug)}`, {
          ...common,
          pinnedVersion: values.pinnedVersion === '' ? null : Number(values.pinnedVersion),
        });
      return api.post<Service>('/admin/services', {
        ...common,
        slug: values.slug,
        ...(choosesEnte ? { ente: values.ente } : {}),
      });
    },
    onSuccess(service) {
      void queryClient.invalidateQueries({ queryKey: ['services'] });
      void queryClient.invalidateQueries({ queryKey: ['service', service.slug] });
      setError(null);
      if (existing) setSaved(Date.now());
      else navigate(`/servizi/${enc(service.slug)}`);
    },
    onError: (failure) => setError(describeError(failure, t)),
  });

  const labels: Record<string, string> = {
    ente: t.serviceForm.ente,
    name: t.serviceForm.name,
    slug: t.serviceForm.slug,
    url: t.serviceForm.url,
    kind: t.serviceForm.kind,
    channels: t.serviceForm.channels,
    family: t.serviceForm.family,
    pinnedVersion: t.serviceForm.pinnedVersion,
    allowedOrigins: t.serviceForm.allowedOrigins,
    journeyPoint: t.serviceForm.journeyPoint,
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(0);
    const badOrigin = origins.find((line) => !isWebOrigin(line));
    const invalid = fieldErrors(
      {
        ente: choosesEnte && values.ente === '' ? t.errors.chooseOne : undefined,
        name: values.name.trim() === '' ? t.errors.required : undefined,
        slug:
          existing !== null
            ? undefined
            : values.slug === ''
              ? t.errors.required
              : !SLUG.test(values.slug)
                ? t.errors.slug
                : undefined,
        url: values.url.trim() !== '' && !isHttpUrl(values.url.trim()) ? t.errors.url : undefined,
        kind: values.kind === '' ? t.errors.chooseOne : undefined,
        channels: values.channels.length === 0 ? t.errors.chooseAtLeastOne : undefined,
        family: values.family === '' ? t.errors.chooseOne : undefined,
        allowedOrigins: badOrigin !== undefined ? t.errors.origin(badOrigin) : undefined,
        journeyPoint: values.journeyPoint === '' ? t.errors.chooseOne : undefined,
      },
      t,
    );
    setError(invalid);
    if (!invalid) save.mutate();
  }

  const versions = families.data?.find((f) => f.family === values.family)?.versions ?? [];
  const title = existing ? t.serviceForm.titleEdit(existing.name) : t.serviceForm.titleNew;

  return (
    <Page title={title}>
      {existing ? null : <p className="lead">{t.serviceForm.intro}</p>}
      {saved ? <Notice key={saved}>{t.serviceForm.saved}</Notice> : null}
      <ErrorSummary error={error} labels={labels} />
      {families.isError ? <LoadError error={families.error} /> : null}
      <form onSubmit={submit} noValidate className="console-form">
        {choosesEnte ? (
          <SelectField
            id="ente"
            label={t.serviceForm.ente}
            value={values.ente}
            onChange={set('ente')}
            placeholder={t.common.chooseEnte}
            options={(enti.data ?? []).map((e) => ({ value: e.ipaCode, label: `${e.name} (${e.ipaCode})` }))}
            error={error?.fields.ente}
            errorLang={error?.lang?.fields?.ente}
            required
          />
        ) : null}
        <TextField
          id="name"
          label={t.serviceForm.name}
          hint={t.serviceForm.nameHint}
          value={values.name}
          onChange={(name) => {
            setValues((current) => ({ ...current, name, ...(slugTouched ? {} : { slug: slugOf(name) }) }));
          }}
          error={error?.fields.name}
          errorLang={error?.lang?.fields?.name}
          required
        />
        {existing ? null : (
          <TextField
            id="slug"
            label={t.serviceForm.slug}
            hint={t.serviceForm.slugHint}
            value={values.slug}
            onChange={(slug) => {
              setSlugTouched(true);
              set('slug')(slug);
            }}
            autoCapitalize="none"
            spellCheck={false}
            error={error?.fields.slug}
            errorLang={error?.lang?.fields?.slug}
            required
          />
        )}
        <TextField
          id="url"
          label={t.serviceForm.url}
          hint={t.serviceForm.urlHint}
          type="url"
          inputMode="url"
          value={values.url}
          onChange={set('url')}
          error={error?.fields.url}
          errorLang={error?.lang?.fields?.url}
          optional
        />
        <RadioGroup
          name="kind"
          legend={t.serviceForm.kind}
          options={SERVICE_KINDS.map((kind) => ({ value: kind, label: t.serviceKinds[kind] }))}
          value={values.kind}
          onChange={set('kind')}
          error={error?.fields.kind}
          errorLang={error?.lang?.fields?.kind}
          required
        />
        <CheckboxGroup
          name="channels"
          legend={t.serviceForm.channels}
          hint={t.serviceForm.channelsHint}
          options={CHANNELS.map((channel) => ({ value: channel, label: t.channels[channel] }))}
          value={values.channels}
          onChange={set('channels')}
          error={error?.fields.channels}
          errorLang={error?.lang?.fields?.channels}
          inline
        />
        <SelectField
          id="family"
          label={t.serviceForm.family}
          hint={t.serviceForm.familyHint}
          value={values.family}
          onChange={(family) =>
            setValues((current) => ({
              ...current,
              family,
              pinnedVersion: family === current.family ? current.pinnedVersion : '',
            }))
          }
          placeholder={t.errors.chooseOne}
          options={(families.data ?? []).map((f) => ({ value: f.family, label: f.family }))}
          error={error?.fields.family}
          errorLang={error?.lang?.fields?.family}
          required
        />
        {existing ? (
          <SelectField
            id="pinnedVersion"
            label={t.serviceForm.pinnedVersion}
            value={values.pinnedVersion}
            onChange={set('pinnedVersion')}
            placeholder={t.serviceForm.latestVersion}
            options={versions.map((v) => ({
              value: String(v.version),
              label: t.serviceForm.version(v.version, v.title),
            }))}
            error={error?.fields.pinnedVersion}
            errorLang={error?.lang?.fields?.pinnedVersion}
          />
        ) : null}
        <TextArea
          id="allowedOrigins"
          label={t.serviceForm.allowedOrigins}
          hint={t.serviceForm.allowedOriginsHint}
          value={values.allowedOrigins}
          onChange={set('allowedOrigins')}
          rows={3}
          spellCheck={false}
          error={error?.fields.allowedOrigins}
          errorLang={error?.lang?.fields?.allowedOrigins}
          optional
        />
        <RadioGroup
          name="journeyPoint"
          legend={t.serviceForm.journeyPoint}
          options={JOURNEY_POINTS.map((point) => ({ value: point, label: t.journeyPoints[point] }))}
          value={values.journeyPoint}
          onChange={set('journeyPoint')}
          error={error?.fields.journeyPoint}
          errorLang={error?.lang?.fields?.journeyPoint}
          required
        />
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {existing ? t.serviceForm.submitEdit : t.serviceForm.submitNew}
        </button>
      </form>
    </Page>
  );
}
