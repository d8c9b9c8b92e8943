/**
 * The data dictionary of an export: one row per column, then one per coded value of an item
 * column, with the question and value labels (Italian) and the questionnaire versions that ask it.
 */
import { isPointItem, type QuestionnaireDefinition } from '../domain/questionnaire.js';
import { QUASI_IDENTIFIERS } from '../domain/microdata.js';
import { BREAKDOWNS } from '../domain/results-cube.js';
import { tableOf, type Cell, type Table } from './tables.js';

const DICTIONARY_COLUMNS = ['column', 'type', 'label', 'value', 'value_label', 'versions'] as const;

const QUASI_LABELS: Readonly<Record<(typeof QUASI_IDENTIFIERS)[number], string>> = {
  channel: `Canale: ${BREAKDOWNS.channel.join(', ')}`,
  device: `Dispositivo: ${BREAKDOWNS.device.join(', ')}`,
  lang: `Lingua del questionario: ${BREAKDOWNS.lang.join(', ')}`,
  verified: 'Completamento verificato dall’ente: true, false',
};

/** The dictionary of a raw-responses table with `time` as its first column. */
export function dictionaryOf(
  definitions: readonly QuestionnaireDefinition[],
  options: { readonly time: 'hour' | 'month'; readonly central: boolean; readonly k: number },
): Table {
  const withheld = options.central
    ? ''
    : ` Vale ":c" (riservato) quando mostrarlo lascerebbe gruppi di meno di ${options.k} risposte uguali nel mese.`;
  const rows: Record<string, Cell>[] = [
    {
      column: options.time,
      type: 'meta',
      label:
        options.time === 'hour'
          ? 'Ora di invio (UTC, ISO 8601), arrotondata all’ora come conservata'
          : `Mese di invio (ora italiana), YYYY-MM; i mesi e le versioni con meno di ${options.k} risposte non sono esportati`,
    },
    { column: 'questionnaire', type: 'meta', label: 'Famiglia del questionario' },
    { column: 'version', type: 'meta', label: 'Versione del questionario' },
    ...QUASI_IDENTIFIERS.map((q) => ({ column: q, type: 'meta', label: QUASI_LABELS[q] + '.' + withheld })),
  ];
  const seen = new Set<string>();
  for (const d of [...definitions].reverse())
    for (const item of d.items) {
      if (seen.has(item.code)) continue;
      seen.add(item.code);
      const versions = definitions
        .filter((v) => v.items.some((i) => i.code === item.code))
        .map((v) => `${v.family} v${v.version}`)
        .join(', ');
      const label =
        item.type === 'text'
          ? `${item.question.it} (1 se ha risposto, 0 altrimenti: il testo è tra i suggerimenti, separato)`
          : item.type === 'multiple'
            ? `${item.question.it} (più valori separati da "|")`
            : item.question.it;
      rows.push({ column: item.code, type: item.type, label, versions });
      const values = item.type === 'text' ? [] : isPointItem(item) ? item.points : item.options;
      for (const v of values)
        rows.push({
          column: item.code,
          type: item.type,
          value: String(v.value),
          value_label: v.label.it,
          versions,
        });
    }
  return tableOf('Dizionario', DICTIONARY_COLUMNS, rows);
}
