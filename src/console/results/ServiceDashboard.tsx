/**
 * A service's dashboard (ente staff, and the central office once it picks a service): the
 * headline indicator with its CI and n and its change, the response rate, the monthly trend,
 * the breakdowns by channel and device, the benchmark against similar services, and how each
 * item was answered. Each section loads on its own: one refused or failed call (its problem's
 * detail shown) leaves the others.
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { trendOfMonth } from '../../domain/periods.js';
import type { PeriodsView, ResultsView } from '../../domain/results-view.js';
import { ApiError } from '../api.js';
import { LoadError, Loading } from '../components/QueryState.js';
import { SERVER_LANG } from '../errors.js';
import { useT } from '../i18n/index.js';
import { benchmarkQuery, resultsQuery, type PeriodParams } from '../queries.js';
import { BenchmarkFigure, fileKey, GroupFigure, ItemFigure, TrendFigure } from './figures.js';
import { isMonth, periodMonths } from './format.js';
import { headline, headlineCode, shareWithheld, type Ctx } from './model.js';
import { IndicatorFigure, MultipleTestingNote, RunningNote } from './parts.js';

/** The period of the monthly trend: the quarter or year chosen; for a month, `trendOfMonth`; a day range is its own. */
export function trendPeriodOf(period: PeriodParams, periods: PeriodsView | undefined): PeriodParams | null {
  if (!('period' in period)) return period;
  if (!isMonth(period.period)) return periodMonths(period.period).length > 0 ? period : null;
  const key = trendOfMonth(period.period, periods ?? { quarters: [], years: [] });
  return key ? { period: key } : null;
}

/**
 * A refused or failed call: the console's message, and the server's own detail of a refusal
 * (what an ente user may not ask for: a range of days, two breakdowns), in its language.
 */
export function ResultsError({ error }: { error: unknown }) {
  const t = useT();
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  if (!detail) return <LoadError error={error} />;
  return (
    <div className="alert alert-danger" role="alert">
      <p className="mb-0">
        <strong>{t.errors.loadFailed}</strong>
      </p>
      <p className="mb-0 mt-1" lang={SERVER_LANG}>
        {detail}
      </p>
    </div>
  );
}

/** A query's three states: loading, its problem (the server's detail), or the content. */
export function Loaded<T>({ query, children }: { query: UseQueryResult<T>; children(data: T): ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ResultsError error={query.error} />;
  return <>{children(query.data)}</>;
}

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

function ResponseRate({ ctx, view }: { ctx: Ctx; view: ResultsView }) {
  const { t, f } = ctx;
  const { openings, responseRate, n } = view.total;
  const responses = n.withheld ? t.results.withheld : n.count === null ? t.results.noValue : f.count(n.count);
  return (
    <dl className="console-dl console-rate">
      <dt>{t.results.openings}</dt>
      <dd>{openings === null ? t.results.openingsNotCounted : f.count(openings)}</dd>
      <dt>{t.results.responsesColumn}</dt>
      <dd>{responses}</dd>
      <dt>{t.results.responseRate}</dt>
      <dd>
        {responseRate
          ? `${f.pct(responseRate.share)} (${t.results.ci} ${f.interval(responseRate.ci95)})`
          : openings === null
            ? t.results.noValue
            : t.results.rateBelowK(view.k)}
      </dd>
    </dl>
  );
}

export function ServiceDashboard({
  ctx,
  slug,
  name,
  period,
  periods,
}: {
  ctx: Ctx;
  slug: string;
  name: string;
  period: PeriodParams;
  periods: PeriodsView | undefined;
}) {
  const { t, f } = ctx;
  const base = useQuery(resultsQuery(period, { service: slug }));
  const trendPeriod = trendPeriodOf(period, periods);
  const trend = useQuery({
    ...resultsQuery(trendPeriod ?? period, { service: slug, groupBy: 'month' }),
    enabled: trendPeriod !== null,
  });
  const channel = useQuery(resultsQuery(period, { service: slug, groupBy: 'channel' }));
  const device = useQuery(resultsQuery(period, { service: slug, groupBy: 'device' }));
  // The benchmark is for months, quarters and years (not for a range of days).
  const benchmark = useQuery({ ...benchmarkQuery(slug, period), enabled: 'period' in period });
  if (base.isPending) return <Loading />;
  if (base.isError) return <ResultsError error={base.error} />;
  const view = base.data;
  const code = headlineCode(view);
  const lead = headline(view.total) ?? view.total.indicators[0] ?? null;
  const others = view.total.indicators.filter((i) => i !== lead);
  const scope = t.results.scope(name, f.period(view.period.key));
  const fileBase = `valuta-${slug}-${fileKey(view.period.key)}`;
  const k = view.disclosureControl ? view.k : null;
  const itemsShown = view.total.items.filter((item) => item.type !== 'text');
  const texts = view.total.items.filter((item) => item.type === 'text');
  return (
    <div className="console-dashboard" data-dashboard="service">
      <RunningNote ctx={ctx} view={view} />
      <Section id="headline" title={t.results.headlineTitle(name, f.period(view.period.key))}>
        <p>
          {t.results.responsesLine(
            view.total.n.withheld
              ? t.results.withheld
              : view.total.n.count === null
                ? t.results.noValue
                : f.count(view.total.n.count),
          )}
          {view.disclosureControl ? ` ${t.results.disclosureLine(view.k)}` : ''}
        </p>
        {lead ? (
          <div className="row">
            <div className="col-12 col-lg-6 mb-3">
              <IndicatorFigure ctx={ctx} indicator={lead} large />
            </div>
            {others.length > 0 ? (
              <div className="col-12 col-lg-6 mb-3">
                <ul className="console-plain-list console-other-indicators">
                  {others.map((indicator) => (
                    <li key={indicator.code}>
                      <IndicatorFigure ctx={ctx} indicator={indicator} />
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        ) : (
          <p>{t.results.noIndicators}</p>
        )}
        {view.total.indicators.some(shareWithheld) ? (
          <p className="console-hint console-withheld-note">{t.results.withheldNote(k)}</p>
        ) : null}
        <h3 className="h5">{t.results.responseRateTitle}</h3>
        <ResponseRate ctx={ctx} view={view} />
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
                title={t.results.trendFigure(code ? t.results.indicators[code] : t.results.indicatorFallback)}
                scope={t.results.scope(name, f.period(data.period.key))}
                fileBase={`valuta-${slug}-${fileKey(data.period.key)}`}
              />
            )}
          </Loaded>
        )}
      </Section>

      <Section id="breakdowns" title={t.results.breakdownsTitle}>
        <Loaded query={channel}>
          {(data) => (
            <>
              <GroupFigure
                ctx={ctx}
                view={data}
                code={code}
                id="by-channel"
                title={t.results.byChannel}
                scope={scope}
                fileBase={fileBase}
              />
              <MultipleTestingNote view={data} />
            </>
          )}
        </Loaded>
        <Loaded query={device}>
          {(data) => (
            <GroupFigure
              ctx={ctx}
              view={data}
              code={code}
              id="by-device"
              title={t.results.byDevice}
              scope={scope}
              fileBase={fileBase}
            />
          )}
        </Loaded>
      </Section>

      <Section id="benchmark-section" title={t.results.benchmarkSection}>
        {'period' in period ? (
          <Loaded query={benchmark}>
            {(data) => <BenchmarkFigure ctx={ctx} view={data} scope={scope} fileBase={fileBase} k={k} />}
          </Loaded>
        ) : (
          <p>{t.results.benchmarkNoDays}</p>
        )}
      </Section>

      <Section id="items" title={t.results.itemsTitle}>
        {itemsShown.length === 0 ? <p>{t.results.noItems}</p> : null}
        {itemsShown.map((item) => (
          <ItemFigure key={item.code} ctx={ctx} item={item} k={k} scope={scope} fileBase={fileBase} />
        ))}
        {texts.length > 0 ? (
          <>
            <h3 className="h5">{t.results.textItemsTitle}</h3>
            <ul>
              {texts.map((item) => (
                <li key={item.code}>
                  {item.code} — {item.question}:{' '}
                  {t.results.itemN(
                    item.n.withheld
                      ? t.results.withheld
                      : item.n.count === null
                        ? t.results.noValue
                        : f.count(item.n.count),
                  )}
                </li>
              ))}
            </ul>
            <p className="console-hint">
              {t.results.textItemsNote}{' '}
              <Link to={`/suggerimenti?servizio=${encodeURIComponent(slug)}`}>{t.results.textItemsLink}</Link>
            </p>
          </>
        ) : null}
      </Section>
    </div>
  );
}
