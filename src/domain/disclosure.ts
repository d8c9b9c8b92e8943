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
 *    narrowed to a few values by it. The cell added strains the fewest other relations (leaves the
 *    fewest with a single withheld member), then is the smallest; at the end, secondary cells that
 *    no relation needs any longer are shown again, largest first.
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

/**
 * A disclosure problem over numbered cells: counts, statuses decided earlier, primary marks, and
 * relations as arrays of cell numbers, total first.
 */
export interface DisclosureProblem {
  readonly count: ArrayLike<number>;
  /** -1: to decide; 0: decided earlier and shown; 1: decided earlier and withheld. */
  readonly fixed: ArrayLike<number>;
  /** 1: withheld whatever its count (e.g. a zero of fewer than k: what they all did not answer). */
  readonly alsoPrimary: ArrayLike<number>;
  readonly relations: readonly Int32Array[];
  /** The cells' keys, which break ties between equal counts. */
  readonly keys: readonly string[];
}

/**
 * The withheld cells of a problem (1 for each): the fixed ones withheld, the primary cells, and
 * the secondary cells that protect them. Deterministic: the same problem gives the same answer.
 *
 * @example withheldCells({ count: [20, 3, 17], fixed: [-1, -1, -1], alsoPrimary: [0, 0, 0],
 *   relations: [Int32Array.of(0, 1, 2)], keys: ['t', 'a', 'b'] }, 10) // → Uint8Array [0, 1, 1]
 */
export function withheldCells(problem: DisclosureProblem, k: number): Uint8Array {
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
  // withheld members per relation
  const hiddenIn = new Int32Array(relations.length);
  relations.forEach((r, index) => {
    for (const m of r) hiddenIn[index]! += withheld[m]!;
  });
  /**
   * What withholding a cell costs in relations: +1 for each relation it leaves with a single
   * withheld member (which will need another), −1 for each it completes (one withheld already).
   */
  const strain = (cell: number) => {
    let s = 0;
    for (let i = start[cell]!; i < start[cell + 1]!; i++) {
      const h = hiddenIn[relationsOf[i]!]!;
      if (h === 0) s++;
      else if (h === 1) s--;
    }
    return s;
  };
  // the fewest relations strained, then the smallest count (it loses least); ties by key, so
  // that the result does not depend on order
  const before = (a: number, sa: number, b: number, sb: number) =>
    sa < sb || (sa === sb && (count[a]! < count[b]! || (count[a] === count[b] && keys[a]! < keys[b]!)));
  const free = (cell: number) => withheld[cell] === 0 && fixed[cell] === -1 && count[cell]! > 0;
  /** The best free candidate that is not futile; with `orFutile`, the best free one when none is. */
  const pick = (candidates: ArrayLike<number>, orFutile: boolean): number | undefined => {
    let best: number | undefined;
    let bestStrain = 0;
    let bestFutile: number | undefined;
    let bestFutileStrain = 0;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      if (!free(c)) continue;
      const sc = strain(c);
      if (!futile(c)) {
        if (best === undefined || before(c, sc, best, bestStrain)) [best, bestStrain] = [c, sc];
      } else if (orFutile && (bestFutile === undefined || before(c, sc, bestFutile, bestFutileStrain)))
        [bestFutile, bestFutileStrain] = [c, sc];
    }
    return best ?? bestFutile;
  };

  const queue: number[] = relations.map((_, index) => index);
  const queued = new Uint8Array(relations.length).fill(1);
  const withhold = (cell: number) => {
    withheld[cell] = 1;
    for (let i = start[cell]!; i < start[cell + 1]!; i++) {
      const r = relationsOf[i]!;
      hiddenIn[r]!++;
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

  // The greedy choices above may leave a secondary cell that no relation needs any more (a
  // later choice protected the same cells): show it again when every relation of it still has
  // none or at least two withheld members, and withheld parts adding up to k or more where its
  // total is shown. Largest counts first: they carry most of what the view says.
  const secondary: number[] = [];
  for (let cell = 0; cell < size; cell++)
    if (withheld[cell] === 1 && fixed[cell] === -1 && count[cell]! >= k && problem.alsoPrimary[cell] !== 1)
      secondary.push(cell);
  secondary.sort((a, b) => count[b]! - count[a]! || (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  /** Whether a relation of `cell` would be left unprotected were `cell` shown. */
  const needed = (cell: number) => {
    for (let i = start[cell]!; i < start[cell + 1]!; i++) {
      const r = relationsOf[i]!;
      const hidden = hiddenIn[r]! - 1;
      if (hidden === 1) return true;
      const members = relations[r]!;
      if (hidden === 0 || (members[0] !== cell && withheld[members[0]!] === 1)) continue;
      let hiddenParts = 0;
      for (let j = 1; j < members.length; j++)
        if (members[j] !== cell && withheld[members[j]!] === 1) hiddenParts += count[members[j]!]!;
      if (hiddenParts < k) return true;
    }
    return false;
  };
  const show = (cell: number) => {
    withheld[cell] = 0;
    for (let i = start[cell]!; i < start[cell + 1]!; i++) hiddenIn[relationsOf[i]!]!--;
  };
  for (const cell of secondary) if (!needed(cell)) show(cell);
  return withheld;
}
