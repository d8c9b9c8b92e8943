/**
 * What the results API returns, as tables: one row per group and indicator (long format), withheld
 * values empty and marked `:c`; and the same as SDMX-CSV 2.0 for the statistical office
 * (docs/exports.md, "SDMX"), with the dimensions SERVICE, ENTE, TIME_PERIOD, INDICATOR, MEASURE.
 */
import { ValutaError } from '../domain/errors.js';
import type { ResultRowView, ResultsView, ShareView } from '../domain/results-view.js';
import { WITHHELD } from './responses.js';
import { tableOf, type Cell } from './tables.js';

type Row = Record<string, Cell>;

const INDICATOR_COLUMNS = [
  'period',
  'group_by',
  'group',
  'label',
  'indicator',
  'item_code',
  'n',
  'positive',
  'share',
  'ci_low',
  'ci_high',
  'status',
  'change_against',
  'change',
  'p_value',
  'adjusted_p_value',
  'significant',
] as const;

const TOTAL = '_T';

/** One row per group (the total first) and indicator: responses, response rate, then the cross-family indicators. */
function flatRows(view: ResultsView): Row[] {
  const out: Row[] = [];
  for (const row of [view.total, ...view.rows]) {
    const group = {
      period: view.period.key,
      group_by: view.groupBy ?? '',
      group: row.key ?? TOTAL,
      label: row.label,
    };
    out.push({ ...group, indicator: 'responses', n: row.n.count, status: row.n.withheld ? WITHHELD : '' });
    if (row.responseRate !== null || row.openings !== null)
      out.push({ ...group, indicator: 'response_rate', n: row.openings, ...shareCells(row.responseRate) });
    for (const ind of row.indicators) {
      const withheld = ind.n.withheld || ind.positive.withheld;
      out.push({
        ...group,
        indicator: ind.code,
        item_code: ind.itemCode,
        n: ind.n.count,
        positive: ind.positive.count,
        ...shareCells(ind.value),
        status: withheld ? WITHHELD : '',
        change_against: ind.change?.against ?? null,
        change: ind.change?.difference ?? null,
        p_value: ind.change?.pValue ?? null,
        adjusted_p_value: ind.change?.adjustedPValue ?? null,
        significant: ind.change ? ind.change.significant : null,
      });
    }
  }
  return out;
}

const shareCells = (value: ShareView | null) => ({
  share: value?.share ?? null,
  ci_low: value?.ci95.low ?? null,
  ci_high: value?.ci95.high ?? null,
});

/** The indicators of a results view as a table. */
export function indicatorsTable(view: ResultsView) {
  return tableOf('Indicatori', INDICATOR_COLUMNS, flatRows(view));
}

/** The data dictionary of the indicators table. */
export function indicatorsDictionary(view: ResultsView) {
  const described: Readonly<Record<(typeof INDICATOR_COLUMNS)[number], string>> = {
    period: `Periodo: ${view.period.key} (dal ${view.period.from} al ${view.period.to}, ora italiana)`,
    group_by: 'Raggruppamento delle righe (vuoto: nessuno)',
    group: `Chiave del gruppo (slug del servizio, codice IPA, regione, mese, canale…); ${TOTAL} per il totale`,
    label: 'Nome del gruppo',
    indicator:
      'responses (risposte), response_rate (risposte ÷ aperture del questionario, n = aperture), satisfaction, ease, effectiveness, clarity (quota di risposte positive)',
    item_code: 'Domanda da cui è calcolato l’indicatore nella famiglia del questionario',
    n: 'Risposte alla domanda (per response_rate: aperture)',
    positive: 'Risposte positive (top-2-box)',
    share: 'Quota positive ÷ n, tra 0 e 1',
    ci_low: 'Limite inferiore dell’intervallo di confidenza al 95% (Wilson)',
    ci_high: 'Limite superiore dell’intervallo di confidenza al 95% (Wilson)',
    status: `":c" riservato: meno di ${view.k} risposte, o rivelerebbe un valore che lo è (valori vuoti)`,
    change_against: 'Periodo con cui è confrontato',
    change: 'Differenza della quota rispetto a quel periodo, tra −1 e 1',
    p_value: 'Test a due proporzioni',
    adjusted_p_value: 'p-value corretto (Benjamini–Hochberg) quando le righe sono confrontate insieme',
    significant: 'Differenza significativa al 5%',
  };
  return tableOf(
    'Dizionario',
    ['column', 'label'],
    INDICATOR_COLUMNS.map((column) => ({ column, label: described[column] })),
  );
}

const SDMX_STRUCTURE_ID = 'VALUTA:DF_CX(1.0)';
const SDMX_COLUMNS = [
  'STRUCTURE',
  'STRUCTURE_ID',
  'ACTION',
  'SERVICE',
  'ENTE',
  'TIME_PERIOD',
  'INDICATOR',
  'MEASURE',
  'OBS_VALUE',
  'LOWER_BOUND',
  'UPPER_BOUND',
  'OBS_STATUS',
  'CONF_STATUS',
] as const;

/**
 * The indicators as SDMX-CSV 2.0 observations. Rows are services (`groupBy=service`, each with its
 * ente), enti (`groupBy=ente`) or the total (`_T`). `enteOf` gives a service's IPA code.
 */
export function sdmxTable(view: ResultsView, enteOf: (slug: string) => string, scopeEnte: string | null) {
  if (view.groupBy !== null && view.groupBy !== 'service' && view.groupBy !== 'ente')
    throw new ValutaError('VALUTA_ERR_VALIDATION', 'SDMX rows are services, enti or the total', [
      { item: 'groupBy', code: 'enum', detail: 'service, ente or none' },
    ]);
  const out: Row[] = [];
  const dims = (row: ResultRowView) => {
    if (row.key === null) return { SERVICE: TOTAL, ENTE: scopeEnte ?? TOTAL };
    return view.groupBy === 'service'
      ? { SERVICE: row.key, ENTE: enteOf(row.key) }
      : { SERVICE: TOTAL, ENTE: row.key };
  };
  const observe = (
    row: ResultRowView,
    indicator: string,
    measure: string,
    value: number | null,
    withheld: boolean,
    ci: { low: number; high: number } | null = null,
  ) =>
    out.push({
      STRUCTURE: 'dataflow',
      STRUCTURE_ID: SDMX_STRUCTURE_ID,
      ACTION: 'I',
      ...dims(row),
      TIME_PERIOD: view.period.key,
      INDICATOR: indicator,
      MEASURE: measure,
      OBS_VALUE: withheld ? null : value,
      LOWER_BOUND: withheld ? null : (ci?.low ?? null),
      UPPER_BOUND: withheld ? null : (ci?.high ?? null),
      OBS_STATUS: withheld || value === null ? 'M' : 'A',
      CONF_STATUS: withheld ? 'C' : 'F',
    });
  for (const row of [view.total, ...view.rows]) {
    observe(row, 'RESPONSES', 'N', row.n.count, row.n.withheld);
    if (row.openings !== null) {
      observe(row, 'RESPONSE_RATE', 'N', row.openings, false);
      observe(row, 'RESPONSE_RATE', 'SHARE', row.responseRate?.share ?? null, false, row.responseRate?.ci95);
    }
    for (const ind of row.indicators) {
      const code = ind.code.toUpperCase();
      observe(row, code, 'N', ind.n.count, ind.n.withheld);
      observe(row, code, 'POSITIVE', ind.positive.count, ind.positive.withheld);
      observe(
        row,
        code,
        'SHARE',
        ind.value?.share ?? null,
        ind.n.withheld || ind.positive.withheld,
        ind.value?.ci95,
      );
    }
  }
  return tableOf('SDMX', SDMX_COLUMNS, out);
}
