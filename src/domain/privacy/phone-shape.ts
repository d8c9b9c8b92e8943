/**
 * What a phone number looks like, judged by shape alone: never by whether its prefix is assigned
 * today, since a number in a prefix opened tomorrow is personal data already. The tie-breaks with the
 * innocent numbers that share this shape are in phone-innocent.ts.
 */

/** A digit group of a phone run. */
export interface PhoneGroup {
  /** Start in the text; for the first group of a run, a leading `(`, `(+` or `+` included. */
  readonly start: number;
  readonly end: number;
  readonly digits: string;
  /** The separator before this group (empty for the first group of a run). */
  readonly before: string;
}

/** Italian mobile (3 and 8-9 more digits) or landline (0, an area-code digit 1-9, 4-9 more digits). */
const ITALIAN_RE = /^(?:3[0-9]{8,9}|0[1-9][0-9]{4,9})$/;
/** E.164 after `+` or `00`: a country code (never starting with 0), 8 to 15 digits in all. */
const E164_RE = /^[1-9][0-9]{7,14}$/;

/**
 * True when `digits` (all the digits of a candidate) have the shape of a phone number: Italian mobile
 * or landline, optionally after +39 / 0039; or any E.164 number after `+`. After `00` other than 0039,
 * the `00` and country code must be a group of their own ("0044 20 7946 0958"), since zero-padded
 * references ("00123456789") are common and a compact foreign number is written with `+`.
 */
export function isPhoneShaped(digits: string, plus: boolean, firstGroupLength: number): boolean {
  if (plus) return E164_RE.test(digits);
  if (digits.startsWith('0039') && ITALIAN_RE.test(digits.slice(4))) return true;
  if (digits.startsWith('00'))
    return firstGroupLength >= 3 && firstGroupLength <= 5 && E164_RE.test(digits.slice(2));
  return ITALIAN_RE.test(digits);
}

const SPACE_RE = /\s/;
const LIST_SEPARATOR_RE = /\s[-/]|[-/]\s/;

/**
 * True when groups i..j are grouped as people write phone numbers:
 * - an Italian number starts with its whole prefix (3xx, or an area code of two digits or more), so
 *   lists of scores ("voti 30 28 27 30 29") and amounts ("3.500.000.000") are no numbers;
 * - a dash or slash with spaces around it separates two numbers ("333 1234567 - 06 1234567");
 * - a lone 1-2 digit group after a space, following a long group, is a count ("06 1234567 3 volte"),
 *   while "06 12 34 56 78" and "333 123 45 67" are in pairs throughout.
 */
export function isPhoneGrouping(
  groups: readonly PhoneGroup[],
  i: number,
  j: number,
  international: boolean,
): boolean {
  if (i === j) return true;
  const first = groups[i]!.digits;
  if (!international && first.length < (first.startsWith('3') ? 3 : 2)) return false;
  for (let k = i + 1; k <= j; k++) if (LIST_SEPARATOR_RE.test(groups[k]!.before)) return false;
  const last = groups[j]!;
  return !(last.digits.length <= 2 && SPACE_RE.test(last.before) && groups[j - 1]!.digits.length >= 4);
}
