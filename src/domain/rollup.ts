import type { PreparedResponse } from './response.js';

/** Value recorded for "this item was answered", whatever the answer; the denominator of shares. */
export const ANSWERED = '*';

/** One count a response adds to the item rollup of its service and day. */
export interface ItemContribution {
  readonly itemCode: string;
  readonly value: string;
}

/**
 * The (item, value) counts one response adds to the rollups: `*` for every item answered
 * (free text included), plus each chosen point or option.
 */
export function rollupContributions(response: PreparedResponse): ItemContribution[] {
  const contributions: ItemContribution[] = [];
  for (const [itemCode, value] of Object.entries(response.answers)) {
    contributions.push({ itemCode, value: ANSWERED });
    for (const v of Array.isArray(value) ? value : [value])
      contributions.push({ itemCode, value: String(v) });
  }
  for (const comment of response.comments)
    contributions.push({ itemCode: comment.itemCode, value: ANSWERED });
  return contributions;
}
