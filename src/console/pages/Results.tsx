/**
 * /console/risultati: the results dashboards. Ente staff pick one of their services and a
 * closed period (from GET /results/periods) and see its dashboard; the central office sees the
 * national view, or a service's dashboard once it picks one, and may ask for a range of days.
 * The choice is in the address (?servizio=&periodo=, or periodo=giorni&dal=&al=), so a
 * dashboard can be linked and reloaded; a choice the server refuses shows its problem's detail.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { PeriodsView } from '../../domain/results-view.js';
import { TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { useI18n } from '../i18n/index.js';
import { can, seesAllEnti } from '../permissions.js';
import { Downloads } from '../results/Downloads.js';
import { resultsPeriodsQuery, servicesQuery, type PeriodParams } from '../queries.js';
import { formats } from '../results/format.js';
import type { Ctx } from '../results/model.js';
import { NationalDashboard } from '../results/NationalDashboard.js';
import { ServiceDashboard } from '../results/ServiceDashboard.js';
import { useSession } from '../session.js';
import type { Service } from '../types.js';

/** The value of the period select that asks for a range of days. */
const DAYS = 'giorni';

/** The period shown when none is asked: the newest closed quarter (a trend of three months), else the newest month. */
function defaultPeriod(periods: PeriodsView | undefined): string {
  return periods?.quarters[0] ?? periods?.months[0] ?? periods?.years[0] ?? '';
}

function Filters({
  ctx,
  services,
  national,
  periods,
  service,
  period,
  from,
  to,
}: {
  ctx: Ctx;
  services: readonly Service[];
  national: boolean;
  periods: PeriodsView | undefined;
  service: string;
  period: string;
  from: string;
  to: string;
}) {
  const { t, f } = ctx;
  const [, setParams] = useSearchParams();
  const [chosenService, setChosenService] = useState(service);
  const [chosenPeriod, setChosenPeriod] = useState(period);
  const [chosenFrom, setChosenFrom] = useState(from);
  const [chosenTo, setChosenTo] = useState(to);
  // The periods of the service chosen in the form (the form's select follows it before "Show").
  const formPeriods = useQuery({
    ...resultsPeriodsQuery(chosenService),
    enabled: national || chosenService !== '',
  });
  const listed = formPeriods.data ?? periods;
  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (chosenService) next.servizio = chosenService;
    if (chosenPeriod === DAYS) {
      next.periodo = DAYS;
      next.dal = chosenFrom;
      next.al = chosenTo;
    } else if (chosenPeriod) next.periodo = chosenPeriod;
    setParams(next);
  }
  const groups: [string, readonly string[]][] = listed
    ? [
        [t.results.months, listed.months],
        [t.results.quarters, listed.quarters],
        [t.results.years, listed.years],
      ]
    : [];
  const inList = groups.some(([, keys]) => keys.includes(chosenPeriod)) || chosenPeriod === DAYS;
  return (
    <form
      onSubmit={submit}
      className="console-filters console-results-filters"
      aria-label={t.results.filterLegend}
    >
      <div className="select-wrapper console-field">
        <label htmlFor="servizio" className="active">
          {t.results.serviceLabel}
        </label>
        <select
          id="servizio"
          name="servizio"
          value={chosenService}
          onChange={(e) => setChosenService(e.target.value)}
        >
          {national ? <option value="">{t.results.nationalOption}</option> : null}
          {services.map((s) => (
            <option key={s.slug} value={s.slug} lang="it">
              {national ? `${s.name} (${s.ente.name})` : s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="select-wrapper console-field">
        <label htmlFor="periodo" className="active">
          {t.results.periodLabel}
        </label>
        <select
          id="periodo"
          name="periodo"
          value={chosenPeriod}
          onChange={(e) => setChosenPeriod(e.target.value)}
        >
          {!inList && chosenPeriod !== '' ? (
            <option value={chosenPeriod}>{f.period(chosenPeriod)}</option>
          ) : null}
          {groups.map(([label, keys]) =>
            keys.length > 0 ? (
              <optgroup key={label} label={label}>
                {keys.map((key) => (
                  <option key={key} value={key}>
                    {f.period(key)}
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
          {listed?.dayRanges ? (
            <optgroup label={t.results.dayRangeGroup}>
              <option value={DAYS}>{t.results.dayRangeOption}</option>
            </optgroup>
          ) : null}
        </select>
      </div>
      {chosenPeriod === DAYS ? (
        <>
          <TextField
            id="dal"
            type="date"
            label={t.results.from}
            value={chosenFrom}
            onChange={setChosenFrom}
            required
            hint={t.results.dayRangeHint}
          />
          <TextField
            id="al"
            type="date"
            label={t.results.to}
            value={chosenTo}
            onChange={setChosenTo}
            required
          />
        </>
      ) : null}
      <button type="submit" className="btn btn-primary">
        {t.results.show}
      </button>
    </form>
  );
}

export function Results() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const national = seesAllEnti(user);
  const ctx = useMemo<Ctx>(() => ({ t, f: formats(lang, t) }), [t, lang]);
  const [params] = useSearchParams();
  const services = useQuery(servicesQuery());
  const listed = (services.data ?? []).filter((s) => s.status !== 'draft');
  const asked = params.get('servizio') ?? '';
  const slug = asked || (national ? '' : (listed[0]?.slug ?? ''));
  const periods = useQuery({
    ...resultsPeriodsQuery(slug),
    enabled: services.isSuccess && (national || slug !== ''),
  });
  const askedPeriod = params.get('periodo') ?? '';
  const from = params.get('dal') ?? '';
  const to = params.get('al') ?? '';
  const periodKey = askedPeriod || defaultPeriod(periods.data);
  const period: PeriodParams | null =
    periodKey === DAYS ? { from, to } : periodKey !== '' ? { period: periodKey } : null;
  const service = (services.data ?? []).find((s) => s.slug === slug);

  let content;
  if (services.isPending || (periods.isPending && periods.fetchStatus !== 'idle')) content = <Loading />;
  else if (services.isError) content = <LoadError error={services.error} />;
  else if (periods.isError) content = <LoadError error={periods.error} />;
  else if (!national && slug === '') content = <p>{t.results.noServices}</p>;
  else if (period === null) content = <p>{t.results.noPeriods}</p>;
  else if (slug === '')
    content = (
      <NationalDashboard
        ctx={ctx}
        period={period}
        periods={periods.data}
        enteOf={(s) => services.data.find((x) => x.slug === s)?.ente.name ?? ''}
      />
    );
  else
    content = (
      <ServiceDashboard
        ctx={ctx}
        slug={slug}
        name={service?.name ?? slug}
        period={period}
        periods={periods.data}
      />
    );

  return (
    <Page title={t.results.title}>
      <p className="console-results-intro">
        {national && slug === '' ? t.results.introNational : t.results.intro}
      </p>
      {services.isSuccess ? (
        <Filters
          // a new address (Back, a link) starts the form afresh from it
          key={`${params.toString()}|${slug}|${periodKey}`}
          ctx={ctx}
          services={listed}
          national={national}
          periods={periods.data}
          service={slug}
          period={periodKey}
          from={from}
          to={to}
        />
      ) : null}
      {content}
      {can(user, 'results:export') && period !== null && services.isSuccess && !(!national && slug === '') ? (
        <Downloads ctx={ctx} slug={slug === '' ? undefined : slug} period={period} central={national} />
      ) : null}
    </Page>
  );
}
