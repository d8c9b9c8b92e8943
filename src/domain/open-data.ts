/**
 * Open data: the indicators of one closed month, national, per PA type (the ente's IndicePA
 * category) and per ente, under the same disclosure control as ente users see (docs/open-data.md).
 *
 * An ente's cells are its own staff's: the statuses its disclosure tree gave them (ADR 22). The
 * national and PA-type cells are sums of ente cells that every reader can add up, so they are
 * decided together, in one problem for `withheldCells`, with the ente cells fixed: per quantity
 * `national = Σ types` and `type = Σ its enti`; per node and indicator `n = positive + negative`
 * (the negative answers are never published, but a share that tells that only a few answered
 * negatively is protected as a cell of them); and `responses = n` where the two are equal (an
 * indicator's item that every response answers).
 */
import { withheldCells } from './disclosure.js';
import { INDICATOR_CODES, type CountView, type IndicatorCode, type ShareView } from './results-view.js';
import { wilsonInterval } from './statistics.js';

/** The licence of every release: CC BY 4.0. */
export const OPEN_DATA_LICENCE = 'https://creativecommons.org/licenses/by/4.0/';

/** A month of open data, 'YYYY-MM'. */
export const OPEN_DATA_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export type OpenDataLevel = 'national' | 'pa-type' | 'ente';

/** An indicator's counts: answers (n) and positive answers among them. */
export interface IndicatorCounts<C> {
  readonly n: C;
  readonly positive: C;
}

/** One ente's figures for the month: the true counts, and the cells as its own staff see them. */
export interface EnteFigures {
  readonly ipaCode: string;
  readonly name: string;
  /** The ente's PA type (IndicePA category). */
  readonly kind: string;
  readonly responses: number;
  /** The indicators its questionnaire families carry; absent ones are not zero but do not apply. */
  readonly indicators: Readonly<Partial<Record<IndicatorCode, IndicatorCounts<number>>>>;
  /** The same, as the ente view shows them (withheld where its disclosure control withholds). */
  readonly shown: {
    readonly responses: CountView;
    readonly indicators: Readonly<Partial<Record<IndicatorCode, IndicatorCounts<CountView>>>>;
  };
}

export interface OpenDataIndicator {
  readonly code: IndicatorCode;
  readonly n: CountView;
  readonly positive: CountView;
  /** With its Wilson 95% interval; null when n or positive is withheld, or n = 0. */
  readonly value: ShareView | null;
}

export interface OpenDataRow {
  readonly level: OpenDataLevel;
  /** 'IT', the PA type, or the ente's IPA code. */
  readonly key: string;
  readonly label: string;
  readonly responses: CountView;
  readonly indicators: readonly OpenDataIndicator[];
}

/** Coverage against the 2026 targets, as the central office saw it when the month was published. */
export interface OpenDataCoverage {
  readonly targets: { readonly services: number; readonly enti: number; readonly year: number };
  readonly activeServices: number;
  readonly enti: number;
  readonly byKind: readonly {
    readonly kind: string;
    readonly activeServices: number;
    readonly enti: number;
  }[];
}

/** What a release holds (the `body` of `open_data_release`). */
export interface OpenDataSnapshot {
  readonly month: string;
  readonly k: number;
  readonly licence: string;
  /** National first, then the PA types, then the enti, each sorted by label. */
  readonly rows: readonly OpenDataRow[];
  readonly coverage: OpenDataCoverage;
}

const NATIONAL = 'IT';
const shownCount = (count: number): CountView => ({ count, withheld: false });
const WITHHELD: CountView = { count: null, withheld: true };

/** A node of the open-data tree: the nation, a PA type, an ente. */
interface Node {
  readonly level: OpenDataLevel;
  readonly key: string;
  readonly label: string;
  readonly enti: readonly EnteFigures[];
}

/** The quantities of one node: responses, and per indicator its n, positive and negative answers. */
const QUANTITIES = [
  'responses',
  ...INDICATOR_CODES.flatMap((code) => [`${code}:n`, `${code}:+`, `${code}:-`]),
] as const;

function trueCount(ente: EnteFigures, quantity: string): number {
  if (quantity === 'responses') return ente.responses;
  const [code, part] = quantity.split(':') as [IndicatorCode, 'n' | '+' | '-'];
  const counts = ente.indicators[code];
  if (!counts) return 0;
  return part === 'n' ? counts.n : part === '+' ? counts.positive : counts.n - counts.positive;
}

/** 1 withheld, 0 shown: the ente's own status of a quantity (negative: withheld unless n and positive are shown). */
function enteStatus(ente: EnteFigures, quantity: string): number {
  if (quantity === 'responses') return ente.shown.responses.withheld ? 1 : 0;
  const [code, part] = quantity.split(':') as [IndicatorCode, 'n' | '+' | '-'];
  const shown = ente.shown.indicators[code];
  if (!shown) return 0;
  if (part === 'n') return shown.n.withheld ? 1 : 0;
  if (part === '+') return shown.positive.withheld ? 1 : 0;
  return shown.n.withheld || shown.positive.withheld ? 1 : 0;
}

/**
 * The snapshot of a month: every ente's row as its staff see it, and the national and PA-type rows
 * decided so that no withheld ente cell can be worked out from them.
 */
export function openDataSnapshot(input: {
  readonly month: string;
  readonly k: number;
  readonly enti: readonly EnteFigures[];
  readonly coverage: OpenDataCoverage;
}): OpenDataSnapshot {
  const { k } = input;
  const byLabel = <T extends { label: string }>(a: T, b: T) => a.label.localeCompare(b.label, 'it');
  const enti: Node[] = input.enti
    .map((e) => ({ level: 'ente' as const, key: e.ipaCode, label: e.name, enti: [e] }))
    .sort(byLabel);
  const kinds = [...new Set(input.enti.map((e) => e.kind))];
  const types: Node[] = kinds
    .map((kind) => ({
      level: 'pa-type' as const,
      key: kind,
      label: kind,
      enti: input.enti.filter((e) => e.kind === kind),
    }))
    .sort(byLabel);
  const national: Node = { level: 'national', key: NATIONAL, label: 'Italia', enti: input.enti };
  const nodes = [national, ...types, ...enti];

  // one cell per node and quantity
  const cell = (node: number, quantity: number) => node * QUANTITIES.length + quantity;
  const size = nodes.length * QUANTITIES.length;
  const count = new Float64Array(size);
  const fixed = new Int8Array(size).fill(-1);
  const keys: string[] = new Array<string>(size);
  nodes.forEach((node, n) =>
    QUANTITIES.forEach((quantity, q) => {
      const c = cell(n, q);
      keys[c] = `${quantity}|${node.level}:${node.key}`;
      count[c] = node.enti.reduce((sum, e) => sum + trueCount(e, quantity), 0);
      if (node.level === 'ente') fixed[c] = enteStatus(node.enti[0]!, quantity);
    }),
  );
  const relations: Int32Array[] = [];
  /** The relations of the tree: national = Σ types, type = Σ its enti (the others tie quantities). */
  const tree: Int32Array[] = [];
  const typeIndex = (t: number) => 1 + t;
  const enteIndex = (ipaCode: string) => 1 + types.length + enti.findIndex((e) => e.key === ipaCode);
  QUANTITIES.forEach((_, q) => {
    tree.push(Int32Array.from([0, ...types.map((_t, t) => typeIndex(t))], (n) => cell(n, q)));
    types.forEach((type, t) =>
      tree.push(
        Int32Array.from([typeIndex(t), ...type.enti.map((e) => enteIndex(e.ipaCode))], (n) => cell(n, q)),
      ),
    );
  });
  relations.push(...tree);
  const at = (quantity: string) => QUANTITIES.indexOf(quantity as (typeof QUANTITIES)[number]);
  nodes.forEach((_, n) => {
    for (const code of INDICATOR_CODES) {
      const [answered, positive, negative] = [at(`${code}:n`), at(`${code}:+`), at(`${code}:-`)];
      relations.push(Int32Array.of(cell(n, answered), cell(n, positive), cell(n, negative)));
      // the responses are the answers of an item that every one of them answers
      if (count[cell(n, 0)] === count[cell(n, answered)])
        relations.push(Int32Array.of(cell(n, 0), cell(n, answered)));
    }
  });
  // A withheld ente knows its own count: a shown total less its own must not give away the others'.
  // So a shown national or type total of withheld parts needs three of them or more, and the parts
  // but the largest adding up to k; otherwise the total is withheld too, and the rule runs again.
  const alsoPrimary = new Uint8Array(size);
  let withheld = withheldCells({ count, fixed, alsoPrimary, relations, keys }, k);
  for (let changed = true; changed;) {
    changed = false;
    for (const [total, ...parts] of tree) {
      if (withheld[total!] === 1 || fixed[total!] !== -1) continue;
      const hidden = parts.filter((p) => withheld[p] === 1 && count[p]! > 0).map((p) => count[p]!);
      if (hidden.length === 0) continue;
      const rest = hidden.reduce((a, b) => a + b, 0) - Math.max(...hidden);
      if (hidden.length < 3 || rest < k) [alsoPrimary[total!], changed] = [1, true];
    }
    if (changed) withheld = withheldCells({ count, fixed, alsoPrimary, relations, keys }, k);
  }

  const rows = nodes.map((node, n): OpenDataRow => {
    const published = (quantity: string) => {
      const c = cell(n, at(quantity));
      return withheld[c] === 1 ? WITHHELD : shownCount(count[c]!);
    };
    const indicators = INDICATOR_CODES.filter((code) => node.enti.some((e) => e.indicators[code])).map(
      (code): OpenDataIndicator => {
        const answered = published(`${code}:n`);
        const positive = published(`${code}:+`);
        const value =
          answered.count !== null && positive.count !== null && answered.count > 0
            ? { share: positive.count / answered.count, ci95: wilsonInterval(positive.count, answered.count) }
            : null;
        return { code, n: answered, positive, value };
      },
    );
    return {
      level: node.level,
      key: node.key,
      label: node.label,
      responses: published('responses'),
      indicators,
    };
  });
  return { month: input.month, k, licence: OPEN_DATA_LICENCE, rows, coverage: input.coverage };
}

/** One line of the open-data files (long format): a row's responses, or one of its indicators. */
export interface OpenDataLine {
  readonly month: string;
  readonly release: number;
  readonly published_at: string;
  readonly level: OpenDataLevel;
  readonly key: string;
  readonly label: string;
  readonly indicator: 'responses' | IndicatorCode;
  readonly n: number | null;
  readonly positive: number | null;
  readonly share: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  /** ':c' when a value is withheld (Eurostat's flag), else null. */
  readonly status: ':c' | null;
}

export const OPEN_DATA_COLUMNS = [
  'month',
  'release',
  'published_at',
  'level',
  'key',
  'label',
  'indicator',
  'n',
  'positive',
  'share',
  'ci_low',
  'ci_high',
  'status',
] as const satisfies readonly (keyof OpenDataLine)[];

/** The lines of a release in the files' long format: per row, its responses, then each indicator. */
export function openDataLines(release: {
  readonly release: number;
  readonly publishedAt: Date;
  readonly body: OpenDataSnapshot;
}): OpenDataLine[] {
  const { body } = release;
  const common = {
    month: body.month,
    release: release.release,
    published_at: release.publishedAt.toISOString(),
  };
  return body.rows.flatMap((row) => {
    const about = { ...common, level: row.level, key: row.key, label: row.label };
    const responses: OpenDataLine = {
      ...about,
      indicator: 'responses',
      n: row.responses.count,
      positive: null,
      share: null,
      ci_low: null,
      ci_high: null,
      status: row.responses.withheld ? ':c' : null,
    };
    return [
      responses,
      ...row.indicators.map((i): OpenDataLine => ({
        ...about,
        indicator: i.code,
        n: i.n.count,
        positive: i.positive.count,
        share: i.value?.share ?? null,
        ci_low: i.value?.ci95.low ?? null,
        ci_high: i.value?.ci95.high ?? null,
        status: i.n.withheld || i.positive.withheld ? ':c' : null,
      })),
    ];
  });
}
