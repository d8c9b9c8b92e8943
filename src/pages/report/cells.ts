/**
 * What a figure of a results view reads as in the report: a count withheld by disclosure control
 * is "riservato", never 0 and never a number; a share resting on a withheld count is withheld too;
 * a share with no answers is "—".
 */
import type { CountView, IndicatorCode, IndicatorView, ResultRowView } from '../../domain/results-view.js';
import { count } from './format.js';
import { m } from './messages.js';

export const countText = (c: CountView): string =>
  c.withheld ? m.withheld : c.count === null ? m.none : count(c.count);

/** Whether the indicator's share is missing because a count under it is withheld. */
export const shareWithheld = (indicator: IndicatorView): boolean =>
  indicator.value === null && (indicator.n.withheld || indicator.positive.withheld);

/** The indicator the report leads with: satisfaction where the family has it, else its first. */
export function headlineCode(row: ResultRowView): IndicatorCode | null {
  return (row.indicators.find((i) => i.code === 'satisfaction') ?? row.indicators[0])?.code ?? null;
}
