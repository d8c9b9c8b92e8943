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
 * The withheld cells of a problem: the fixed ones withheld, the primary cells, and the secondary
 * cells that protect them. Deterministic: the same problem gives the same answer.
 *
 * @example withheldCells({ cells: new Map([['t', { count: 20 }], ['a', { count: 3 }], ['b', { count: 17 }]]),
 *   relations: [{ total: 't', parts: ['a', 'b'] }] }, 10) // → Set { 'a', 'b' }
 */
export function withheldCells(problem: DisclosureProblem, k: number): Set<string> {
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  const { cells, relations } = problem;
  const countOf = (key: string) => cells.get(key)?.count ?? 0;
  const isFixed = (key: string) => cells.get(key)?.fixed !== undefined;
  const withheld = new Set<string>();
  for (const [key, cell] of cells) {
    if (cell.fixed ?? (cell.count > 0 && cell.count < k)) withheld.add(key);
    else if (cell.fixed === undefined && problem.alsoPrimary?.has(key)) withheld.add(key);
  }

  const relationsOf = new Map<string, Relation[]>();
  for (const relation of relations)
    for (const key of [relation.total, ...relation.parts]) {
      const list = relationsOf.get(key);
      if (list) list.push(relation);
      else relationsOf.set(key, [relation]);
    }
  // Withholding a cell is futile when a relation of it has every other member fixed and shown:
  // the cell is that relation's total (or remainder) whatever is done here.
  const futile = (key: string) =>
    (relationsOf.get(key) ?? []).some((r) =>
      [r.total, ...r.parts].every((m) => m === key || (isFixed(m) && !withheld.has(m))),
    );
  const pick = (candidates: string[]): string | undefined => {
    const free = candidates.filter((key) => !withheld.has(key) && !isFixed(key) && countOf(key) > 0);
    const useful = free.filter((key) => !futile(key));
    const pool = useful.length > 0 ? useful : free;
    // the smallest count loses least; ties by key, so that the result does not depend on order
    return pool.sort((a, b) => countOf(a) - countOf(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
  };

  const pickUseful = (candidates: string[]) => {
    const next = pick(candidates);
    return next !== undefined && !futile(next) ? next : undefined;
  };

  const queue: Relation[] = [...relations];
  const queued = new Set<Relation>(queue);
  const withhold = (key: string) => {
    withheld.add(key);
    for (const r of relationsOf.get(key) ?? [])
      if (!queued.has(r)) {
        queued.add(r);
        queue.push(r);
      }
  };
  while (queue.length > 0) {
    const relation = queue.shift()!;
    queued.delete(relation);
    const members = [relation.total, ...relation.parts];
    const unknown = members.filter((m) => withheld.has(m));
    if (unknown.length === 0) continue;
    if (unknown.length === 1) {
      // a second member: a part, so that the total stays shown; the total when no part can be
      const next =
        pickUseful([...relation.parts]) ??
        pickUseful([relation.total]) ??
        pick([...relation.parts]) ??
        pick([relation.total]);
      if (next !== undefined) withhold(next);
      continue;
    }
    if (!withheld.has(relation.total)) {
      const hidden = relation.parts.filter((p) => withheld.has(p)).reduce((sum, p) => sum + countOf(p), 0);
      if (hidden > 0 && hidden < k) {
        // another part; the total when every part left is known from elsewhere
        const next =
          pickUseful([...relation.parts]) ?? pickUseful([relation.total]) ?? pick([...relation.parts]);
        if (next !== undefined) withhold(next);
      }
    }
  }
  return withheld;
}
