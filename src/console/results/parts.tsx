/** Small pieces the two dashboards share: an indicator's figure with its CI and n, a change, the notes. */
import type { ComparisonView, IndicatorView, ResultsView } from '../../domain/results-view.js';
import { useI18n } from '../i18n/index.js';
import { periodKind } from './format.js';
import { shareWithheld, type Ctx } from './model.js';

/** "72,3% (IC 95% 70,1–74,4%), n = 1.234" or "riservato": the text of an indicator, for summaries. */
export function indicatorText({ t, f }: Ctx, indicator: IndicatorView | null): string {
  if (indicator === null) return t.results.noValue;
  if (indicator.value === null) return shareWithheld(indicator) ? t.results.withheld : t.results.noValue;
  return t.results.shareWithCi(
    f.pct(indicator.value.share),
    f.interval(indicator.value.ci95),
    indicator.n.count === null ? t.results.withheld : f.count(indicator.n.count),
  );
}

/** A change against another period or the benchmark, flagged when significant. */
export function ChangeLine({ ctx, change }: { ctx: Ctx; change: ComparisonView | null }) {
  const { t, f } = ctx;
  if (change === null) return <p className="console-change console-muted">{t.results.noChange}</p>;
  const against =
    change.against === 'benchmark'
      ? t.results.against('benchmark', '')
      : t.results.against(periodKind(change.against), f.period(change.against));
  const p = change.adjustedPValue ?? change.pValue;
  const pText = `${f.p(p)}${change.adjustedPValue !== null ? ` (${t.results.adjustedShort})` : ''}`;
  return (
    <p className={`console-change${change.significant ? ' console-change-significant' : ''}`}>
      {change.significant ? (
        <span className="badge console-badge-significant">{t.results.significantBadge}</span>
      ) : null}{' '}
      {t.results.changeText(
        t.results.points(f.points(change.difference)),
        against,
        pText,
        change.significant,
      )}
    </p>
  );
}

/** The headline of a row: the indicator's name, its share large, the CI, the n, the change. */
export function IndicatorFigure({
  ctx,
  indicator,
  large = false,
}: {
  ctx: Ctx;
  indicator: IndicatorView;
  large?: boolean;
}) {
  const { t, f } = ctx;
  const withheld = shareWithheld(indicator);
  return (
    <div className={`console-indicator${large ? ' console-indicator-large' : ''}`}>
      <p className="console-indicator-name">{t.results.indicators[indicator.code]}</p>
      {indicator.value ? (
        <>
          <p className="console-indicator-value">{f.pct(indicator.value.share)}</p>
          <p className="console-indicator-detail">
            {t.results.ciLine(f.interval(indicator.value.ci95))}
            <br />
            {t.results.nLine(
              indicator.n.count === null ? t.results.withheld : f.count(indicator.n.count),
              indicator.positive.count === null ? t.results.withheld : f.count(indicator.positive.count),
              indicator.itemCode,
            )}
          </p>
          <ChangeLine ctx={ctx} change={indicator.change} />
        </>
      ) : withheld ? (
        <>
          <p className="console-indicator-value console-withheld" data-withheld="true">
            {t.results.withheld}
          </p>
          <p className="console-indicator-detail">
            {t.results.withheldShare(
              indicator.n.count === null ? t.results.withheld : f.count(indicator.n.count),
              indicator.itemCode,
            )}
          </p>
        </>
      ) : (
        <p className="console-indicator-detail">{t.results.noAnswers}</p>
      )}
    </div>
  );
}

/** The running month: its count only, until it closes and its results are published. */
export function RunningNote({ ctx, view }: { ctx: Ctx; view: ResultsView }) {
  if (view.running === null) return null;
  return (
    <p className="console-running">
      {ctx.t.results.running(ctx.f.period(view.running.month), ctx.f.count(view.running.n))}
    </p>
  );
}

/** Said wherever many changes were tested at once. */
export function MultipleTestingNote({ view }: { view: ResultsView }) {
  const { t } = useI18n();
  if (view.multipleTesting === null) return null;
  return (
    <p className="console-hint">
      {t.results.multipleTesting(view.multipleTesting.tests, Math.round(view.multipleTesting.level * 100))}
    </p>
  );
}
