/**
 * The counts behind the results, and which of them are withheld. For each node (a service, the
 * services of a family within an ente, an ente) and period, a cube of cells `breakdown | item |
 * value`: the breakdown is `all` or one key of one dimension (`channel=qr`); the value is `*`
 * (answered), a point or option, the positive (`+`) and other (`-`) answers of an item with
 * top boxes, or, for an option of a multiple choice, those who answered the item without
 * choosing it (`!option`, never shown: it is what the option's count and the answered count
 * together tell, so it is protected like any other count). Under disclosure control the cells
 * of every cube are decided by `withheldCells`, finer periods before the quarters and years
 * made of them, and every node of an ente's tree together, so that the relations between cubes
 * are protected as well as those within one.
 */
import { DEVICE_CLASSES } from './device.js';
import { withheldCells, type Relation } from './disclosure.js';
import { INDICATOR_ITEMS } from './indicators.js';
import { isPointItem, LANGS, type QuestionnaireDefinition } from './questionnaire.js';
import { CHANNELS } from './response.js';
import { INDICATOR_CODES } from './results-view.js';

/** The pseudo item code of response counts. */
export const RESPONSES = '#';
/** The value of "answered the item", whatever the answer. */
export const ANSWERED = '*';
export const POSITIVE = '+';
const OTHER = '-';
/** Prefix of a multiple choice's "answered the item but did not choose this option" cell. */
const NOT_CHOSEN = '!';

export const BREAKDOWNS = {
  channel: CHANNELS,
  device: DEVICE_CLASSES,
  lang: LANGS,
  verified: ['true', 'false'],
} as const;
export type Breakdown = keyof typeof BREAKDOWNS;
export const BREAKDOWN_NAMES = Object.keys(BREAKDOWNS) as Breakdown[];
export const ALL = 'all';
export const breakdownKey = (dimension: Breakdown, key: string) => `${dimension}=${key}`;

/** A count of the rollups: responses (`itemCode` = RESPONSES) or answers, per service and month or day. */
export interface CountRow {
  readonly serviceId: string;
  /** 'YYYY-MM' or 'YYYY-MM-DD'. */
  readonly at: string;
  readonly channel: string;
  readonly deviceClass: string;
  readonly lang: string;
  /** null (and '' for the others) where the rollup keeps no breakdown: items by day. */
  readonly verified: boolean | null;
  readonly itemCode: string;
  readonly value: string;
  readonly count: number;
}

/** How an item's cells relate: its values, its top boxes, whether the values add up to the answered. */
export interface ItemShape {
  readonly code: string;
  readonly values: readonly string[];
  readonly positive: readonly string[] | null;
  /** Single choices, scales and ratings: each answer has one value. */
  readonly partition: boolean;
  /** Required in every family of the node: answered = responses. */
  readonly required: boolean;
}

/** The shapes of the items of some questionnaire definitions (the latest of each family), merged by code. */
export function itemShapes(definitions: readonly QuestionnaireDefinition[]): ItemShape[] {
  const shapes = new Map<string, { shape: ItemShape; families: number }>();
  for (const definition of definitions)
    for (const item of definition.items) {
      const values =
        item.type === 'text'
          ? []
          : (isPointItem(item) ? item.points : item.options).map((p) => String(p.value));
      const positive = 'positive' in item && item.positive !== undefined ? item.positive.map(String) : null;
      const known = shapes.get(item.code);
      const shape: ItemShape = {
        code: item.code,
        values: known ? [...new Set([...known.shape.values, ...values])] : values,
        positive: known ? known.shape.positive : positive,
        partition: item.type === 'scale' || item.type === 'rating' || item.type === 'single',
        required: item.required && (known?.shape.required ?? true),
      };
      shapes.set(item.code, { shape, families: (known?.families ?? 0) + 1 });
    }
  return [...shapes.values()].map(({ shape, families }) =>
    families === definitions.length ? shape : { ...shape, required: false },
  );
}

/**
 * The indicators that every response of some definitions counts in: each definition has a
 * required item, always asked, that carries it (then the indicator's answered = the responses).
 */
export function indicatorsOfEveryResponse(definitions: readonly QuestionnaireDefinition[]): string[] {
  return INDICATOR_CODES.filter((code) =>
    definitions.every((d) =>
      d.items.some((i) => i.required && i.showWhen === undefined && INDICATOR_ITEMS[code].includes(i.code)),
    ),
  );
}

/** Cell counts of one cube, keyed `breakdown|item|value`. */
export type CubeCounts = Map<string, number>;

/** The rows indexed by `serviceId|at`, each with every breakdown key it counts in. */
export function indexRows(rows: readonly CountRow[]): Map<string, CubeCounts> {
  const index = new Map<string, CubeCounts>();
  for (const row of rows) {
    const slot = `${row.serviceId}|${row.at}`;
    let counts = index.get(slot);
    if (!counts) index.set(slot, (counts = new Map()));
    const suffix = `${row.itemCode}|${row.value}`;
    if (row.verified === null) {
      // kept without breakdowns, or by channel only
      const keys = [`${ALL}|${suffix}`];
      if (row.channel !== '') keys.push(`${breakdownKey('channel', row.channel)}|${suffix}`);
      for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + row.count);
      continue;
    }
    for (const bd of [
      ALL,
      breakdownKey('channel', row.channel),
      breakdownKey('device', row.deviceClass),
      breakdownKey('lang', row.lang),
      breakdownKey('verified', String(row.verified)),
    ]) {
      const key = `${bd}|${suffix}`;
      counts.set(key, (counts.get(key) ?? 0) + row.count);
    }
  }
  return index;
}

export function addCounts(target: CubeCounts, source: CubeCounts): CubeCounts {
  for (const [key, count] of source) target.set(key, (target.get(key) ?? 0) + count);
  return target;
}

/** The cells of a cube below each breakdown row, their relations, and how each is counted. */
export interface CubeLayout {
  /** Every suffix `item|value`, in a fixed order. */
  readonly suffixes: readonly string[];
  readonly relations: readonly Relation[];
  /** Suffixes read as they are from the raw counts. */
  readonly plain: readonly string[];
  /** Items with top boxes: their positive (`+`) and other (`-`) values. */
  readonly groups: readonly {
    readonly code: string;
    readonly positive: string[];
    readonly other: string[];
  }[];
  /** Indicators: the items they add up. */
  readonly indicators: readonly { readonly code: string; readonly items: readonly string[] }[];
  readonly shapes: readonly ItemShape[];
}

/** The item and value suffixes of a cube's cells (below each breakdown row), and their relations. */
export function cubeLayout(
  shapes: readonly ItemShape[],
  ofEveryResponse: readonly string[] = [],
): CubeLayout {
  const plain = [`${RESPONSES}|${ANSWERED}`];
  const groups: { code: string; positive: string[]; other: string[] }[] = [];
  const indicators: { code: string; items: string[] }[] = [];
  const suffixes: string[] = [];
  const relations: Relation[] = [];
  const cell = (item: string, value: string) => `${item}|${value}`;
  for (const shape of shapes) {
    plain.push(cell(shape.code, ANSWERED), ...shape.values.map((v) => cell(shape.code, v)));
    if (shape.required)
      relations.push({ total: cell(RESPONSES, ANSWERED), parts: [cell(shape.code, ANSWERED)] });
    if (!shape.partition) {
      // an option chosen by all but a few tells what those few did not choose
      for (const v of shape.values) {
        suffixes.push(cell(shape.code, NOT_CHOSEN + v));
        relations.push({
          total: cell(shape.code, ANSWERED),
          parts: [cell(shape.code, v), cell(shape.code, NOT_CHOSEN + v)],
        });
      }
      continue;
    }
    if (shape.positive === null) {
      relations.push({
        total: cell(shape.code, ANSWERED),
        parts: shape.values.map((v) => cell(shape.code, v)),
      });
      continue;
    }
    const positive = shape.values.filter((v) => shape.positive!.includes(v));
    const other = shape.values.filter((v) => !shape.positive!.includes(v));
    groups.push({ code: shape.code, positive, other });
    suffixes.push(cell(shape.code, POSITIVE), cell(shape.code, OTHER));
    relations.push(
      { total: cell(shape.code, ANSWERED), parts: [cell(shape.code, POSITIVE), cell(shape.code, OTHER)] },
      { total: cell(shape.code, POSITIVE), parts: positive.map((v) => cell(shape.code, v)) },
      { total: cell(shape.code, OTHER), parts: other.map((v) => cell(shape.code, v)) },
    );
  }
  for (const code of INDICATOR_CODES) {
    const items = shapes.filter((s) => s.positive !== null && INDICATOR_ITEMS[code].includes(s.code));
    if (items.length === 0) continue;
    const ind = `ind:${code}`;
    indicators.push({ code: ind, items: items.map((s) => s.code) });
    suffixes.push(cell(ind, ANSWERED), cell(ind, POSITIVE));
    relations.push(
      { total: cell(ind, ANSWERED), parts: items.map((s) => cell(s.code, ANSWERED)) },
      { total: cell(ind, POSITIVE), parts: items.map((s) => cell(s.code, POSITIVE)) },
      // what is not positive: with none, the positive share is the answered count
      { total: cell(ind, ANSWERED), parts: [cell(ind, POSITIVE), ...items.map((s) => cell(s.code, OTHER))] },
    );
    if (ofEveryResponse.includes(code))
      relations.push({ total: cell(RESPONSES, ANSWERED), parts: [cell(ind, ANSWERED)] });
  }
  return { suffixes: [...plain, ...suffixes], relations, plain, groups, indicators, shapes };
}

/** The breakdown rows that have counts in a cube (the others are all zero). */
function rowsOf(cells: CubeCounts): string[] {
  const rows = new Set<string>();
  for (const key of cells.keys()) rows.add(key.slice(0, key.indexOf('|')));
  return [...rows];
}

/** The counts of every cell of a cube: the value groups (`+`, `-`) and indicators added up from the values. */
export function cubeCells(raw: CubeCounts, layout: CubeLayout): CubeCounts {
  const cells: CubeCounts = new Map();
  const set = (key: string, count: number) => {
    if (count !== 0) cells.set(key, count);
  };
  for (const bd of rowsOf(raw)) {
    const get = (item: string, value: string) => raw.get(`${bd}|${item}|${value}`) ?? 0;
    for (const suffix of layout.plain) set(`${bd}|${suffix}`, raw.get(`${bd}|${suffix}`) ?? 0);
    for (const { code, values, partition } of layout.shapes)
      if (!partition)
        for (const v of values) set(`${bd}|${code}|${NOT_CHOSEN}${v}`, get(code, ANSWERED) - get(code, v));
    const positive = new Map<string, number>();
    for (const group of layout.groups) {
      const pos = group.positive.reduce((sum, v) => sum + get(group.code, v), 0);
      positive.set(group.code, pos);
      set(`${bd}|${group.code}|${POSITIVE}`, pos);
      set(
        `${bd}|${group.code}|${OTHER}`,
        group.other.reduce((sum, v) => sum + get(group.code, v), 0),
      );
    }
    for (const indicator of layout.indicators) {
      set(
        `${bd}|${indicator.code}|${ANSWERED}`,
        indicator.items.reduce((sum, code) => sum + get(code, ANSWERED), 0),
      );
      set(
        `${bd}|${indicator.code}|${POSITIVE}`,
        indicator.items.reduce((sum, code) => sum + (positive.get(code) ?? 0), 0),
      );
    }
  }
  return cells;
}

/** A node of the disclosure tree: a service, or services added up (a family within an ente, an ente). */
export interface CubeNode {
  readonly id: string;
  readonly serviceIds: readonly string[];
  readonly children: readonly CubeNode[];
}

/** A period of the disclosure tree: its key, the `at` keys of its leaves, and its parts. */
export interface CubePeriod {
  readonly key: string;
  readonly ats: readonly string[];
  readonly parts: readonly CubePeriod[];
}

/**
 * The cells of the cubes of a request, with their counts and (under disclosure control) their
 * status. Cubes are computed on demand and kept: `cell(node, period, bd, item, value)`. The cells
 * of every node of the disclosure tree for one period are decided together, with the periods
 * they are made of decided before (and fixed), so that a node's cells have one status whichever
 * node a request asks for, and a total is never left to be worked out from its parts.
 */
export class ResultCubes {
  private readonly counts = new Map<string, CubeCounts>();
  private readonly withheld = new Map<string, ReadonlySet<string>>();
  private readonly layouts = new Map<string, CubeLayout>();

  constructor(
    private readonly index: ReadonlyMap<string, CubeCounts>,
    /** The questionnaire definition of each service, by service id. */
    private readonly definitionOf: ReadonlyMap<string, QuestionnaireDefinition>,
    /** null: no disclosure control (the central office). */
    private readonly k: number | null,
    /** The disclosure tree: its nodes are decided together. */
    private readonly tree: CubeNode,
  ) {}

  /** The count of a cell and whether it is withheld. */
  cell(
    node: CubeNode,
    period: CubePeriod,
    bd: string,
    item: string,
    value: string,
  ): { count: number; withheld: boolean } {
    const key = `${bd}|${item}|${value}`;
    const count = this.cubeCounts(node, period).get(key) ?? 0;
    return { count, withheld: this.k !== null && this.statuses(node, period).has(key) };
  }

  /** A node's cells and their relations, from the items of its services' families. */
  private layoutOf(node: CubeNode): CubeLayout {
    const definitions = [...new Set(node.serviceIds.map((id) => this.definitionOf.get(id)!))];
    const id = definitions
      .map((d) => `${d.family}@${d.version}`)
      .sort()
      .join(',');
    let layout = this.layouts.get(id);
    if (!layout) {
      layout = cubeLayout(itemShapes(definitions), indicatorsOfEveryResponse(definitions));
      this.layouts.set(id, layout);
    }
    return layout;
  }

  private cubeCounts(node: CubeNode, period: CubePeriod): CubeCounts {
    const id = `${node.id}|${period.key}`;
    let cells = this.counts.get(id);
    if (cells) return cells;
    const raw: CubeCounts = new Map();
    for (const serviceId of node.serviceIds)
      for (const at of period.ats) {
        const slot = this.index.get(`${serviceId}|${at}`);
        if (slot) addCounts(raw, slot);
      }
    cells = cubeCells(raw, this.layoutOf(node));
    this.counts.set(id, cells);
    return cells;
  }

  private statuses(node: CubeNode, period: CubePeriod): ReadonlySet<string> {
    const id = `${node.id}|${period.key}`;
    const known = this.withheld.get(id);
    if (known) return known;
    // a node of the tree is decided with the whole tree; one made up on the spot, alone
    this.decide(findNode(this.tree, node.id) ? this.tree : node, period);
    return this.withheld.get(id)!;
  }

  /** Decides the cells of every node under `root` for `period`, after the periods it is made of. */
  private decide(root: CubeNode, period: CubePeriod): void {
    const k = this.k!;
    const nodes = nodesOf(root);
    // The cells with a count take part, and the zeros that tell about fewer than k people (those
    // of a small row or item, withheld like its other cells); any other zero is shown as such,
    // known, and never withheld. They are numbered, cube by cube; `numbered` gives each cube's
    // cell numbers by cell key.
    const keys: string[] = [];
    const count: number[] = [];
    const fixed: number[] = [];
    const alsoPrimary: number[] = [];
    const numbered = new Map<string, Map<string, number>>();
    const number = (node: CubeNode, p: CubePeriod, statuses?: ReadonlySet<string>) => {
      const id = `${node.id}|${p.key}`;
      const cells = this.cubeCounts(node, p);
      const zeros = statuses
        ? [...statuses].filter((key) => !cells.has(key))
        : zerosOfSmallGroups(cells, this.layoutOf(node), k);
      const ids = new Map<string, number>();
      const add = (key: string, c: number, small: boolean) => {
        ids.set(key, keys.length);
        keys.push(`${id}|${key}`);
        count.push(c);
        fixed.push(statuses ? (statuses.has(key) ? 1 : 0) : -1);
        alsoPrimary.push(small ? 1 : 0);
      };
      for (const [key, c] of cells) add(key, c, false);
      for (const key of zeros) add(key, 0, true);
      numbered.set(id, ids);
      return ids;
    };
    const cubes = nodes.map((node) => ({ node, ids: number(node, period) }));
    // what is published before: the periods this one is made of, with the status they were given
    for (const { node } of cubes)
      for (const part of period.parts) number(node, part, this.statuses(node, part));

    const relations: Int32Array[] = [];
    // a relation of the cells numbered; none when its total is a zero shown (its parts are too)
    const relate = (total: number | undefined, parts: (number | undefined)[]) => {
      if (total === undefined) return;
      const present = parts.filter((part) => part !== undefined);
      if (present.length > 0) relations.push(Int32Array.from([total, ...present]));
    };
    for (const { node, ids } of cubes) {
      const own = this.cubeCounts(node, period);
      const layout = this.layoutOf(node);
      const rows = rowsOf(own);
      for (const bd of rows)
        for (const r of layout.relations)
          relate(
            ids.get(`${bd}|${r.total}`),
            r.parts.map((part) => ids.get(`${bd}|${part}`)),
          );
      for (const suffix of layout.suffixes)
        for (const dimension of BREAKDOWN_NAMES)
          relate(
            ids.get(`${ALL}|${suffix}`),
            BREAKDOWNS[dimension].map((key) => ids.get(`${breakdownKey(dimension, key)}|${suffix}`)),
          );
      // a period is the sum of its parts, and a node the sum of its children
      for (const group of [
        period.parts.map((p) => numbered.get(`${node.id}|${p.key}`)!),
        node.children.map((c) => numbered.get(`${c.id}|${period.key}`)!),
      ])
        if (group.length > 0)
          for (const [key, id] of ids)
            relate(
              id,
              group.map((there) => there.get(key)),
            );
    }
    const withheld = withheldCells({ count, fixed, alsoPrimary, relations, keys }, k);
    for (const { node, ids } of cubes) {
      const mine = new Set<string>();
      for (const [key, id] of ids) if (withheld[id] === 1) mine.add(key);
      this.withheld.set(`${node.id}|${period.key}`, mine);
    }
  }
}

/**
 * The zero cells of a cube that tell about fewer than k people: every zero of a breakdown row of
 * 0 < n < k responses, and the zero values of an item (or indicator) that 0 < n < k answered.
 * Shown, they would say what those few all answered (a single response rated 1 when 2 to 5 are 0).
 */
function zerosOfSmallGroups(cells: CubeCounts, layout: CubeLayout, k: number): string[] {
  const small = (key: string) => {
    const n = cells.get(key) ?? 0;
    return n > 0 && n < k;
  };
  const zeros: string[] = [];
  for (const bd of rowsOf(cells)) {
    const row = small(`${bd}|${RESPONSES}|${ANSWERED}`);
    for (const suffix of layout.suffixes) {
      const key = `${bd}|${suffix}`;
      if (cells.has(key)) continue;
      if (row || small(`${bd}|${suffix.slice(0, suffix.indexOf('|'))}|${ANSWERED}`)) zeros.push(key);
    }
  }
  return zeros;
}

/** A node and every node below it. */
function nodesOf(root: CubeNode): CubeNode[] {
  return [root, ...root.children.flatMap(nodesOf)];
}

export function findNode(node: CubeNode, id: string): CubeNode | undefined {
  if (node.id === id) return node;
  for (const child of node.children) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}
