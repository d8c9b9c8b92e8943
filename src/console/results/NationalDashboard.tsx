/**
 * The central office's national view: the overview (responses, services, enti), coverage
 * against the targets (progress toward 300 services and 100 enti, month by month, by kind of
 * ente and region, openings → responses per service), the ranking of services with their CIs
 * (a forest plot), the table by region and the national trend.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import {
  INDICATOR_CODES,
  type IndicatorCode,
  type PeriodsView,
  type ResultRowView,
} from '../../domain/results-view.js';
import { coverageQuery, resultsQuery, type PeriodParams } from '../queries.js';
import { CountsFigure, CoverageFigure, fileKey, FunnelFigure, GroupFigure, TrendFigure } from './figures.js';
import { indicatorOf, type Ctx } from './model.js';
import { MultipleTestingNote, RunningNote } from './parts.js';
import { Loaded, trendPeriodOf } from './ServiceDashboard.js';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="console-results-section">
      <h2 id={`${id}-heading`} className="h4">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Services sorted by the indicator's share, highest first; those without a value last, by name. */
export function ranked(rows: readonly ResultRowView[], code: IndicatorCode): ResultRowView[] {
  const share = (row: ResultRowView) => indicatorOf(row, code)?.value?.share ?? null;
  return [...rows].sort((a, b) => {
    const x = share(a);
    const y = share(b);
    if (x !== null && y !== null) return y - x || (b.n.count ?? 0) - (a.n.count ?? 0);
    if (x !== null) return -1;
    if (y !== null) return 1;
    return a.label.localeCompare(b.label, 'it');
  });
}

export function NationalDashboard({
  ctx,
  period,
  periods,
  enteOf,
}: {
  ctx: Ctx;
  period: PeriodParams;
  periods: PeriodsView | undefined;
  /** The ente of a service, by slug (from the services list). */
  enteOf(slug: string): string;
}) {
  const { t, f } = ctx;
  const byService = useQuery(resultsQuery(period, { groupBy: 'service' }));
  const byRegion = useQuery(resultsQuery(period, { groupBy: 'region' }));
  const trendPeriod = trendPeriodOf(period, periods);
  const trend = useQuery({
    ...resultsQuery(trendPeriod ?? period, { groupBy: 'month' }),
    enabled: trendPeriod !== null,
  });
  // Coverage is for months, quarters and years: for a range of days, the newest closed month.
  const coveragePeriod: PeriodParams | null =
    'period' in period ? period : periods?.months[0] ? { period: periods.months[0] } : null;
  const coverage = useQuery({ ...coverageQuery(coveragePeriod ?? period), enabled: coveragePeriod !== null });
  const [chosenCode, setChosenCode] = useState<IndicatorCode | null>(null);
  const selectId = useId();
  const national = t.results.nationalScope;
  return (
    <div className="console-dashboard" data-dashboard="national">
      <Loaded query={byService}>
        {(view) => {
          const scope = t.results.scope(national, f.period(view.period.key));
          const withValue = INDICATOR_CODES.filter((c) => view.rows.some((r) => indicatorOf(r, c)?.value));
          const code =
            chosenCode && withValue.includes(chosenCode) ? chosenCode : (withValue[0] ?? 'satisfaction');
          const rows = ranked(view.rows, code);
          const withResponses = view.rows.filter((r) => (r.n.count ?? 0) > 0).length;
          const fileBase = `valuta-nazionale-${fileKey(view.period.key)}`;
          return (
            <>
              <RunningNote ctx={ctx} view={view} />
              <Section id="overview" title={t.results.overviewTitle(f.period(view.period.key))}>
                <ul className="console-counts console-overview">
                  <li>
                    <span className="console-count">
                      {view.total.n.count === null ? t.results.withheld : f.count(view.total.n.count)}
                    </span>{' '}
                    {t.results.overviewResponses}
                  </li>
                  <li>
                    <span className="console-count">{f.count(withResponses)}</span>{' '}
                    {t.results.overviewServices}
                  </li>
                  <Loaded query={coverage}>
                    {(c) => (
                      <>
                        <li>
                          <span className="console-count">{f.count(c.current.activeServices)}</span>{' '}
                          {t.results.overviewActiveServices}
                        </li>
                        <li>
                          <span className="console-count">{f.count(c.current.enti)}</span>{' '}
                          {t.results.overviewEnti}
                        </li>
                      </>
                    )}
                  </Loaded>
                </ul>
              </Section>

              <Section id="coverage" title={t.results.coverageTitle}>
                <Loaded query={coverage}>
                  {(c) => {
                    const cscope = t.results.scope(national, f.period(c.period.key));
                    const cfile = `valuta-nazionale-${fileKey(c.period.key)}`;
                    return (
                      <>
                        <div className="console-progress-list">
                          <ProgressBar
                            label={t.results.progressServices(c.targets.year)}
                            current={c.current.activeServices}
                            target={c.targets.services}
                            ctx={ctx}
                          />
                          <ProgressBar
                            label={t.results.progressEnti(c.targets.year)}
                            current={c.current.enti}
                            target={c.targets.enti}
                            ctx={ctx}
                          />
                        </div>
                        <CoverageFigure ctx={ctx} view={c} fileBase={cfile} />
                        <CountsFigure
                          ctx={ctx}
                          id="coverage-kind"
                          title={t.results.coverageByKind}
                          scope={cscope}
                          fileBase={cfile}
                          header={t.results.enteKind}
                          rows={c.byKind.map((r) => ({
                            key: r.kind,
                            activeServices: r.activeServices,
                            enti: r.enti,
                          }))}
                        />
                        <CountsFigure
                          ctx={ctx}
                          id="coverage-region"
                          title={t.results.coverageByRegion}
                          scope={cscope}
                          fileBase={cfile}
                          header={t.results.region}
                          rows={c.byRegion.map((r) => ({
                            key: r.region,
                            activeServices: r.activeServices,
                            enti: r.enti,
                          }))}
                        />
                        <FunnelFigure ctx={ctx} view={c} scope={cscope} fileBase={cfile} />
                      </>
                    );
                  }}
                </Loaded>
              </Section>

              <Section id="ranking" title={t.results.rankingTitle}>
                <p>{t.results.rankingIntro}</p>
                <div className="select-wrapper console-field console-narrow">
                  <label htmlFor={selectId} className="active">
                    {t.results.indicator}
                  </label>
                  <select
                    id={selectId}
                    value={code}
                    onChange={(e) => setChosenCode(e.target.value as IndicatorCode)}
                  >
                    {(withValue.length > 0 ? withValue : [code]).map((c) => (
                      <option key={c} value={c}>
                        {t.results.indicators[c]}
                      </option>
                    ))}
                  </select>
                </div>
                <GroupFigure
                  ctx={ctx}
                  view={view}
                  code={code}
                  rows={rows}
                  id="ranking-services"
                  title={t.results.rankingFigure(t.results.indicators[code])}
                  scope={scope}
                  fileBase={fileBase}
                  mark="point"
                  extraColumns={{
                    label: t.common.ente,
                    cell: (row) => enteOf(row.key ?? ''),
                    lang: 'it',
                  }}
                />
                <MultipleTestingNote view={view} />
              </Section>

              <Section id="regions" title={t.results.regionsTitle}>
                <Loaded query={byRegion}>
                  {(data) => (
                    <>
                      <GroupFigure
                        ctx={ctx}
                        view={data}
                        code={code}
                        id="by-region"
                        title={t.results.regionsFigure(t.results.indicators[code])}
                        scope={scope}
                        fileBase={fileBase}
                        chart={false}
                      />
                      <MultipleTestingNote view={data} />
                    </>
                  )}
                </Loaded>
              </Section>

              <Section id="trend" title={t.results.trendTitle}>
                {trendPeriod === null ? (
                  <p>{t.results.noTrendPeriod}</p>
                ) : (
                  <Loaded query={trend}>
                    {(data) => (
                      <TrendFigure
                        ctx={ctx}
                        view={data}
                        code={code}
                        id="trend-months"
                        title={t.results.trendFigure(t.results.indicators[code])}
                        scope={t.results.scope(national, f.period(data.period.key))}
                        fileBase={`valuta-nazionale-${fileKey(data.period.key)}`}
                      />
                    )}
                  </Loaded>
                )}
              </Section>
            </>
          );
        }}
      </Loaded>
    </div>
  );
}

/** Progress toward a target: a native <progress> (no inline width to style) named by its figures in words. */
function ProgressBar({
  ctx,
  label,
  current,
  target,
}: {
  ctx: Ctx;
  label: string;
  current: number;
  target: number;
}) {
  const { t, f } = ctx;
  const id = useId();
  return (
    <div className="console-progress">
      <p id={id} className="console-progress-label">
        {label}:{' '}
        <strong>
          {t.results.progressValue(f.count(current), f.count(target), f.pct0(current / target))}
        </strong>
      </p>
      <progress
        className="console-progress-bar"
        max={target}
        value={Math.min(current, target)}
        aria-labelledby={id}
      />
    </div>
  );
}
