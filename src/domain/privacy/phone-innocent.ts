/**
 * Tie-breaks between phone numbers and the innocent numbers that share their shape: dates, times,
 * amounts and protocol numbers. Where the shape alone cannot tell, these rules decide; each is listed,
 * with its reason, in docs/privacy.md.
 */
import type { PhoneGroup } from './phone-shape.js';

/** A day-month-year written with one separator throughout (space included): 03 12 2024, 03.12.24. */
const DATE_LIKE_RE = /^(?:0?[1-9]|[12][0-9]|3[01])([-./ ])(?:0?[1-9]|1[0-2])\1(?:[0-9]{2}|[0-9]{4})$/;
/** A currency sign or word next to a number makes it an amount. */
const CURRENCY_BEFORE_RE = /€[ \u00A0]?$/u;
const CURRENCY_AFTER_AT = /[ \u00A0]?(?:€|euro?(?!\p{L}))/iuy;

/**
 * True when the candidate `text[start, end)` is a date or next to a currency. (Amounts grouped in
 * thousands, "3.500.000.000", are no numbers already: a mobile is written from its whole 3xx prefix.)
 */
export function isInnocentNumber(text: string, start: number, end: number): boolean {
  if (DATE_LIKE_RE.test(text.slice(start, end))) return true;
  if (CURRENCY_BEFORE_RE.test(text.slice(Math.max(0, start - 2), start))) return true;
  CURRENCY_AFTER_AT.lastIndex = end;
  return CURRENCY_AFTER_AT.test(text);
}

/**
 * A reference word just before a number: "prot. n. 0123456", "pratica 0612345678", "rif.: 0451234".
 * Protocol and file numbers are often zero-padded, which gives them the shape of a landline; after such
 * a word the first number of the run is taken for the reference it is said to be. A number with
 * an international prefix written apart (+39 06 …, 0039 06 …) is still a phone number.
 */
const REFERENCE_BEFORE_RE =
  /(?<!\p{L})(?:prot(?:ocollo)?|pratica|rif(?:erimento)?|fattura|ordine|ticket|matricola|domanda|istanza|posizione|codice|cod|id)\.?(?:\s*(?:n[°º.]?|nr\.?|num\.?|numero))?\s*[:#]?\s*$/iu;
const REFERENCE_LOOKBACK = 40;

/** True when a reference word ("prot.", "pratica", "rif.", …) ends right before `start`. */
export function followsReferenceWord(text: string, start: number): boolean {
  return REFERENCE_BEFORE_RE.test(text.slice(Math.max(0, start - REFERENCE_LOOKBACK), start));
}

/**
 * Splits a run's groups, as [from, to) index ranges, around the innocent stretches that a separator
 * joins to their neighbours as if they were phone groups: a day-month-year ("03/12/2026", "06-07-24"), a
 * month-year ("06/2024"), a time range ("08.30-12.30") and a protocol number with its year
 * ("0123456/2026": a phone puts a slash after its area code, which has at most four digits).
 */
export function cutInnocentStretches(groups: readonly PhoneGroup[], plus: boolean): [number, number][] {
  const parts: [number, number][] = [];
  let from = 0;
  let k = 0;
  while (k < groups.length) {
    const length = innocentLengthAt(groups, k, plus);
    if (length === 0) {
      k++;
      continue;
    }
    if (k > from) parts.push([from, k]);
    k += length;
    from = k;
  }
  if (groups.length > from) parts.push([from, groups.length]);
  return parts;
}

/** How many groups from `k` form an innocent stretch (0 if none). */
function innocentLengthAt(groups: readonly PhoneGroup[], k: number, plus: boolean): number {
  if (isTimeRange(groups, k)) return 4;
  if (isIsolated(groups, k, 3) && isDate(groups, k) && !followsAreaCode(groups, k)) return 3;
  if (isIsolated(groups, k, 2) && (isMonthYear(groups, k) || isNumberYear(groups, k, plus))) return 2;
  return 0;
}

/**
 * True when groups k..k+count-1 are joined by one single-character separator (- . /) that the groups
 * around them are not joined by: in "06.12.34.56.78" the dots go on, so no date is cut out of it.
 */
function isIsolated(groups: readonly PhoneGroup[], k: number, count: number): boolean {
  if (k + count > groups.length) return false;
  const sep = groups[k + 1]!.before;
  if (sep.length !== 1 || !'-./'.includes(sep)) return false;
  for (let i = k + 2; i < k + count; i++) if (groups[i]!.before !== sep) return false;
  if (groups[k]!.before.includes(sep)) return false;
  return !(groups[k + count]?.before.includes(sep) ?? false);
}

const YEAR_RE = /^(?:19|20)[0-9]{2}$/;
const AREA_CODE_RE = /^0[1-9][0-9]{0,2}$/;
const ITALY_00_RE = /^0039/;
const MINUTES_RE = /^[0-5][0-9]$/;
const RANGE_SEPARATOR_RE = /^ ?[-/] ?$/;

function value(groups: readonly PhoneGroup[], k: number): number {
  return Number(groups[k]!.digits);
}

function isYear(group: PhoneGroup): boolean {
  return YEAR_RE.test(group.digits);
}

function isDate(groups: readonly PhoneGroup[], k: number): boolean {
  const [d, m, y] = [groups[k]!, groups[k + 1]!, groups[k + 2]!];
  const day = value(groups, k);
  const month = value(groups, k + 1);
  const shortDayMonth = d.digits.length <= 2 && m.digits.length <= 2;
  return (
    shortDayMonth && day >= 1 && day <= 31 && month >= 1 && month <= 12 && [2, 4].includes(y.digits.length)
  );
}

/**
 * A two-digit-year "date" right after an area code is the subscriber number in pairs:
 * "(0583) 01.01.00", "06 12.03.24". With four digits for the year it stays a date.
 */
function followsAreaCode(groups: readonly PhoneGroup[], k: number): boolean {
  const area = groups[k - 1];
  return area !== undefined && AREA_CODE_RE.test(area.digits) && groups[k + 2]!.digits.length === 2;
}

function isMonthYear(groups: readonly PhoneGroup[], k: number): boolean {
  const month = value(groups, k);
  return groups[k]!.digits.length <= 2 && month >= 1 && month <= 12 && isYear(groups[k + 1]!);
}

function isNumberYear(groups: readonly PhoneGroup[], k: number, plus: boolean): boolean {
  if (groups[k + 1]!.before !== '/' || !isYear(groups[k + 1]!)) return false;
  // A number led by + is a phone number; a glued 0039 is no part of the area code ("00390583/2024").
  if (k === 0 && plus) return false;
  return groups[k]!.digits.replace(ITALY_00_RE, '').length >= 5;
}

/** HH.MM-HH.MM (or with `/`, spaces allowed around the dash). */
function isTimeRange(groups: readonly PhoneGroup[], k: number): boolean {
  if (k + 4 > groups.length) return false;
  if (groups[k + 1]!.before !== '.' || groups[k + 3]!.before !== '.') return false;
  if (!RANGE_SEPARATOR_RE.test(groups[k + 2]!.before)) return false;
  const isTime = (h: number) =>
    groups[h]!.digits.length <= 2 && value(groups, h) <= 23 && MINUTES_RE.test(groups[h + 1]!.digits);
  return isTime(k) && isTime(k + 2);
}
