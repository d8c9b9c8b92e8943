/**
 * Disclosure control: which counts may be shown to ente users and the public. An ente knows who
 * finished its procedure and when, so a count of fewer than k responses identifies citizens, and
 * so does any count that can be worked out from the numbers shown beside it. The rule
 * (docs/statistics.md, "Disclosure control"):
 *
 * 1. primary: a cell with 0 < n < k is withheld (and so is a cell given as `alsoPrimary`);
 * 2. secondary: in every relation `total = Σ parts` that the published numbers obey (a breakdown's
 *    margin, a distribution's total, a quarter and its months, an ente and its services), either
 *    nothing is withheld or at least two members are, and when the total is shown the withheld
 *    parts add up to k or more, so that no withheld cell is the total minus the parts shown, nor
 *    narrowed to a few values by it.
 *
 * Cells decided earlier (`fixed`: a month already published when its quarter closes) keep their
 * status: secondary cells are chosen among the new ones only, so what was shown stays shown and
 * every figure stays the same over time.
 */

/** `total` = Σ `parts`, over cell keys. */
export interface Relation {
  readonly total: string;
  readonly parts: readonly string[];
}

/** A cell to decide, or decided earlier (`fixed`: its status, true = withheld). */
export interface Cell {
  readonly count: number;
  readonly fixed?: boolean | undefined;
}

export interface DisclosureProblem {
  readonly cells: ReadonlyMap<string, Cell>;
  readonly relations: readonly Relation[];
  /** Cells to withhold whatever their count (e.g. an option chosen by all but a few). */
  readonly alsoPrimary?: ReadonlySet<string>;
}

/**
 * A disclosure problem over numbered cells (the form `ResultCubes` builds directly): counts,
 * decided statuses, primary marks and relations as arrays of cell numbers, total first.
 */
export interface NumberedProblem {
  readonly count: ArrayLike<number>;
  /** -1: to decide; 0: fixed and shown; 1: fixed and withheld. */
  readonly fixed: ArrayLike<number>;
  /** 1: withheld whatever its count (`alsoPrimary`). */
  readonly alsoPrimary: ArrayLike<number>;
  readonly relations: readonly Int32Array[];
  /** The cells' keys, which break ties between equal counts. */
  readonly keys: readonly string[];
}

/**
 * The withheld cells of a problem: the fixed ones withheld, the primary cells, and the secondary
 * cells that protect them. Deterministic: the same problem gives the same answer.
 *
 * @example withheldCells({ cells: new Map([['t', { count: 20 }], ['a', { count: 3 }], ['b', { count: 17 }]]),
 *   relations: [{ total: 't', parts: ['a', 'b'] }] }, 10) // → Set { 'a', 'b' }
 */
export function withheldCells(problem: DisclosureProblem, k: number): Set<string> {
  // cells numbered: the cells first, then keys that only relations name
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = keys.length;
      ids.set(key, id);
      keys.push(key);
    }
    return id;
  };
  for (const key of problem.cells.keys()) idOf(key);
  const relations = problem.relations.map((r) => Int32Array.from([idOf(r.total), ...r.parts.map(idOf)]));
  const count = new Float64Array(keys.length);
  const fixed = new Int8Array(keys.length).fill(-1);
  const alsoPrimary = new Uint8Array(keys.length);
  let id = 0;
  for (const cell of problem.cells.values()) {
    count[id] = cell.count;
    if (cell.fixed !== undefined) fixed[id] = cell.fixed ? 1 : 0;
    if (problem.alsoPrimary?.has(keys[id]!)) alsoPrimary[id] = 1;
    id++;
  }
  const withheld = withheldNumbered({ count, fixed, alsoPrimary, relations, keys }, k);
  const out = new Set<string>();
  for (let cell = 0; cell < keys.length; cell++) if (withheld[cell] === 1) out.add(keys[cell]!);
  return out;
}

/** `withheldCells` over numbered cells: 1 for each withheld cell. */
export function withheldNumbered(problem: NumberedProblem, k: number): Uint8Array {
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  const { count, fixed, relations, keys } = problem;
  const size = keys.length;
  const withheld = new Uint8Array(size);
  for (let cell = 0; cell < size; cell++)
    if (fixed[cell] !== -1) withheld[cell] = fixed[cell] === 1 ? 1 : 0;
    else if ((count[cell]! > 0 && count[cell]! < k) || problem.alsoPrimary[cell] === 1) withheld[cell] = 1;

  // the relations of each cell, in relation order
  const start = new Int32Array(size + 1);
  for (const r of relations) for (const m of r) start[m + 1]!++;
  for (let i = 0; i < size; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, size);
  const relationsOf = new Int32Array(start[size]!);
  relations.forEach((r, index) => {
    for (const m of r) relationsOf[fill[m]!++] = index;
  });

  // Withholding a cell is futile when a relation of it has every other member fixed and shown:
  // the cell is that relation's total (or remainder) whatever is done here.
  const futile = (cell: number) => {
    for (let i = start[cell]!; i < start[cell + 1]!; i++) {
      let given = true;
      for (const m of relations[relationsOf[i]!]!)
        if (m !== cell && !(fixed[m] !== -1 && withheld[m] === 0)) {
          given = false;
          break;
        }
      if (given) return true;
    }
    return false;
  };
  // the smallest count loses least; ties by key, so that the result does not depend on order
  const before = (a: number, b: number) =>
    count[a]! < count[b]! || (count[a] === count[b] && keys[a]! < keys[b]!);
  const free = (cell: number) => withheld[cell] === 0 && fixed[cell] === -1 && count[cell]! > 0;
  /** The best free candidate that is not futile; with `orFutile`, the best free one when none is. */
  const pick = (candidates: ArrayLike<number>, orFutile: boolean): number | undefined => {
    let best: number | undefined;
    let bestFutile: number | undefined;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      if (!free(c)) continue;
      if (!futile(c)) {
        if (best === undefined || before(c, best)) best = c;
      } else if (orFutile && (bestFutile === undefined || before(c, bestFutile))) bestFutile = c;
    }
    return best ?? bestFutile;
  };

  const queue: number[] = relations.map((_, index) => index);
  const queued = new Uint8Array(relations.length).fill(1);
  const withhold = (cell: number) => {
    withheld[cell] = 1;
    for (let i = start[cell]!; i < start[cell + 1]!; i++) {
      const r = relationsOf[i]!;
      if (queued[r] === 0) {
        queued[r] = 1;
        queue.push(r);
      }
    }
  };
  for (let head = 0; head < queue.length; head++) {
    const index = queue[head]!;
    queued[index] = 0;
    const members = relations[index]!;
    const total = members[0]!;
    const parts = members.subarray(1);
    let unknown = 0;
    for (const m of members) unknown += withheld[m]!;
    if (unknown === 0) continue;
    if (unknown === 1) {
      // a second member: a part, so that the total stays shown; the total when no part can be
      const next = pick(parts, false) ?? pick([total], false) ?? pick(parts, true) ?? pick([total], true);
      if (next !== undefined) withhold(next);
      continue;
    }
    if (withheld[total] === 0) {
      let hidden = 0;
      for (const p of parts) if (withheld[p] === 1) hidden += count[p]!;
      if (hidden > 0 && hidden < k) {
        // another part; the total when every part left is known from elsewhere
        const next = pick(parts, false) ?? pick([total], false) ?? pick(parts, true);
        if (next !== undefined) withhold(next);
      }
    }
  }
  return withheld;
}
