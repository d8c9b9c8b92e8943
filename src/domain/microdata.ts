/**
 * Raw responses for ente users (docs/statistics.md, "Raw responses"): an ente knows who finished its
 * procedure and when, and how (channel, device, language, a verified completion), so those are
 * quasi-identifiers. A file of raw responses gives the month only, leaves out the responses of a
 * month and questionnaire version with fewer than k of them, and shows of the other
 * quasi-identifiers only those that keep every group of rows that look alike at k or more
 * (k-anonymity): channel first, then device, language, verified.
 */

/** The quasi-identifiers a raw response may show, in the order they are tried. */
export const QUASI_IDENTIFIERS = ['channel', 'device', 'lang', 'verified'] as const;
export type QuasiIdentifier = (typeof QUASI_IDENTIFIERS)[number];

/** Released responses that look alike: their month, version and quasi-identifiers, and how many. */
export interface ResponseClass {
  readonly month: string;
  readonly versionId: string;
  readonly channel: string;
  readonly device: string;
  readonly lang: string;
  readonly verified: string;
  readonly count: number;
}

/** What a month and version's responses show: none of them (too few), or these quasi-identifiers. */
export type GroupPlan =
  { readonly exported: false } | { readonly exported: true; readonly shown: readonly QuasiIdentifier[] };

export const groupKey = (month: string, versionId: string) => `${month}|${versionId}`;

/**
 * The plan of each month and version: exported when it has k responses or more, with the
 * quasi-identifiers that keep every group of alike rows at k or more, tried in order.
 *
 * @example microdataPlan([{ month: '2026-10', versionId: 'v1', channel: 'web', device: 'desktop', lang: 'it', verified: 'false', count: 12 },
 *   { …, channel: 'app', count: 3 }], 10) // → '2026-10|v1': exported, shown [] (the 3 in the app would stand out)
 */
export function microdataPlan(classes: readonly ResponseClass[], k: number): Map<string, GroupPlan> {
  const groups = new Map<string, ResponseClass[]>();
  for (const c of classes) {
    const key = groupKey(c.month, c.versionId);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const plans = new Map<string, GroupPlan>();
  for (const [key, group] of groups) {
    const total = group.reduce((sum, c) => sum + c.count, 0);
    if (total < k) {
      plans.set(key, { exported: false });
      continue;
    }
    const shown: QuasiIdentifier[] = [];
    for (const column of QUASI_IDENTIFIERS)
      if (smallestGroup(group, [...shown, column]) >= k) shown.push(column);
    plans.set(key, { exported: true, shown });
  }
  return plans;
}

function smallestGroup(group: readonly ResponseClass[], columns: readonly QuasiIdentifier[]): number {
  const sizes = new Map<string, number>();
  for (const c of group) {
    const key = columns.map((column) => c[column]).join('|');
    sizes.set(key, (sizes.get(key) ?? 0) + c.count);
  }
  return Math.min(...sizes.values());
}

/** What a spreadsheet takes for the start of a formula, with the full-width forms Numbers reads alike. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A text cell as a spreadsheet must not take it for a formula: one that starts with `=`, `+`, `-`,
 * `@` (or their full-width forms), a tab or a carriage return gets a leading apostrophe (OWASP's
 * advice, as csv-stringify's `escape_formulas`).
 *
 * @example escapeFormula('=HYPERLINK("http://x")') // → "'=HYPERLINK(\"http://x\")"
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
