/**
 * Phone numbers, judged by shape (phone-shape.ts, with tie-breaks in phone-innocent.ts): Italian mobiles and landlines, with or without
 * +39, 0039 or (+39), and foreign numbers after +CC, in groups separated by spaces, dots, dashes or
 * slashes; several numbers written in one run are each found.
 */
import { countDigits, isAsciiDigit, isCharAt, type Detector, type Span } from './detector.js';
import { cutInnocentStretches, followsReferenceWord, isInnocentNumber } from './phone-innocent.js';
import { isPhoneGrouping, isPhoneShaped, type PhoneGroup } from './phone-shape.js';

/**
 * A run of digit groups, optionally led by `+` or a bracketed prefix ("(+39) ", "(06) "). Between two
 * groups: one space, one dot, or a dash or slash with optional spaces around it. A dot or comma followed
 * by a space is no separator: it ends a sentence or a list item ("333 123 4567. 3 settimane"). Every
 * separator consumes a non-digit, so a run splits into groups one way only and the scan stays linear.
 */
const PHONE_RUN_RE =
  /(?<![\p{L}\p{N}_+])(?:\(\+?[0-9]{1,4}\)[ \u00A0]?|\+)?[0-9]+(?:(?:[ \u00A0]?[-/][ \u00A0]?|[ \u00A0.])[0-9]+)*/gu;
const MIN_DIGITS = 6;
const MAX_DIGITS = 17; // E.164 allows 15 digits, plus a 00 international prefix
const MAX_GROUPS = 7; // "0039 06 12 34 56 78" has six
/** After a number: a letter, digit, `%` or decimal comma makes it part of a code or an amount. */
const GLUED_AFTER_AT = /[\p{L}\p{N}_%]|,[0-9]/uy;
/** Before a number: a digit and a dot or comma make it the decimals of another number (v1.0612345). */
const DECIMAL_BEFORE_RE = /[0-9][.,]$/;
const SPACE_RE = /\s/;

/** Finds phone numbers by shape, so numbers in prefixes not assigned today (30x) are found as well. */
export const phoneDetector: Detector = {
  kind: 'telefono',
  mayOccur: (text) => countDigits(text) >= MIN_DIGITS,
  find: findPhones,
};

/** A run of digit groups found in the text. */
interface Run {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Led by `+` or `(+`: an international number. */
  readonly plus: boolean;
  /** Right after a reference word ("prot.", "pratica", …). */
  readonly referenced: boolean;
  readonly groups: readonly PhoneGroup[];
}

function findPhones(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(PHONE_RUN_RE)) {
    if (countDigits(m[0]) < MIN_DIGITS) continue;
    const run: Run = {
      text,
      start: m.index,
      end: m.index + m[0].length,
      plus: m[0].startsWith('+') || m[0].startsWith('(+'),
      referenced: followsReferenceWord(text, m.index),
      groups: phoneGroups(m[0], m.index),
    };
    for (const [from, to] of cutInnocentStretches(run.groups, run.plus)) splitNumbers(run, from, to, spans);
  }
  return spans;
}

function phoneGroups(run: string, offset: number): PhoneGroup[] {
  const groups: PhoneGroup[] = [];
  let i = 0;
  while (i < run.length) {
    const from = i;
    while (i < run.length && !isAsciiDigit(run.charCodeAt(i))) i++;
    const firstDigit = i;
    while (i < run.length && isAsciiDigit(run.charCodeAt(i))) i++;
    const first = groups.length === 0;
    groups.push({
      start: offset + (first ? from : firstDigit),
      end: offset + i,
      digits: run.slice(firstDigit, i),
      before: first ? '' : run.slice(from, firstDigit),
    });
  }
  return groups;
}

/**
 * Pushes the phone numbers in groups [from, to) of a run: the consecutive numbers that cover the most
 * digits, and of those the fewest numbers (dynamic programming over groups), so that each number of a
 * list written as one run ("333 1234567 06 12345678") is found whole. Numbers written one after another
 * are set apart by white space, so a number starts and ends only next to some: "978-88-04-12345-6" (an
 * ISBN) holds none.
 */
function splitNumbers(run: Run, from: number, to: number, out: Span[]): void {
  const n = to - from;
  const covered = new Array<number>(n + 1).fill(0); // digits covered from group from+k on
  const count = new Array<number>(n + 1).fill(0); // numbers used for them
  const choice = new Array<number>(n).fill(-1); // last group of the number starting at from+k
  for (let i = to - 1; i >= from; i--) {
    const k = i - from;
    covered[k] = covered[k + 1]!;
    count[k] = count[k + 1]!;
    if (!canStart(run, i)) continue;
    let digits = '';
    for (let j = i; j < to && j < i + MAX_GROUPS; j++) {
      digits += run.groups[j]!.digits;
      if (digits.length > MAX_DIGITS) break;
      const total = digits.length + covered[j + 1 - from]!;
      const numbers = 1 + count[j + 1 - from]!;
      const better = total > covered[k]! || (total === covered[k]! && numbers < count[k]!);
      if (!better || !canEnd(run, j) || !isNumber(run, i, j, digits)) continue;
      covered[k] = total;
      count[k] = numbers;
      choice[k] = j;
    }
  }
  for (let i = from; i < to;) {
    const j = choice[i - from]!;
    if (j < 0) {
      i++;
      continue;
    }
    out.push({ start: run.groups[i]!.start, end: run.groups[j]!.end });
    i = j + 1;
  }
}

function canStart(run: Run, i: number): boolean {
  if (i === 0) return !DECIMAL_BEFORE_RE.test(run.text.slice(Math.max(0, run.start - 2), run.start));
  const before = run.groups[i]!.before;
  if (isBareSlashAfterBlock(run, i)) return true;
  // Not right after a bracketed prefix: "(+39) 06 …" is one number.
  if (!SPACE_RE.test(before) || before.includes(')')) return false;
  // Not inside blocks of four joined by one single space or dash throughout, the way IBANs, cards and
  // other codes are written: the tail of a mistyped IBAN ("… 1010 0000 0123 456") is not a landline.
  // One block of four before is no such code: "+1 247 974 7416 0106 363615" is two numbers.
  const { digits } = run.groups[i]!;
  const isBlock = (k: number) => run.groups[k]?.digits.length === 4;
  const inBlocks =
    (before === ' ' || before === '-') &&
    run.groups[i - 1]!.before === before &&
    isBlock(i) &&
    isBlock(i - 1) &&
    isBlock(i - 2);
  return !inBlocks || digits.startsWith('00');
}

function canEnd(run: Run, j: number): boolean {
  if (j === run.groups.length - 1) return !isCharAt(GLUED_AFTER_AT, run.text, run.end);
  return SPACE_RE.test(run.groups[j + 1]!.before) || isBareSlashAfterBlock(run, j + 1);
}

/**
 * A slash with no spaces after a block of six digits or more sets two numbers apart
 * ("3331234567/06 1234567"): after an area code (at most four digits, "0583/123456") or a year
 * ("2026/0123456") it does not. ("0123456/2026", a protocol number, is cut out of the run before.)
 */
function isBareSlashAfterBlock(run: Run, i: number): boolean {
  const left = run.groups[i - 1];
  return left !== undefined && run.groups[i]!.before === '/' && left.digits.length >= 6;
}

function isNumber(run: Run, i: number, j: number, digits: string): boolean {
  const first = run.groups[i]!;
  const plus = i === 0 && run.plus;
  if (!isPhoneShaped(digits, plus, first.digits.length)) return false;
  // Tie-break with protocol numbers, which are often zero-padded into the shape of a landline: after a
  // reference word only a number led by + or by 00 and its country code apart is a phone number.
  if (i === 0 && run.referenced && !plus && !isApartInternationalPrefix(run, i, j)) return false;
  if (!isPhoneGrouping(run.groups, i, j, plus || digits.startsWith('00'))) return false;
  return !isInnocentNumber(run.text, first.start, run.groups[j]!.end);
}

/** True when the number i..j starts with `00` and a country code written as a group of their own. */
function isApartInternationalPrefix(run: Run, i: number, j: number): boolean {
  const { digits } = run.groups[i]!;
  return j > i && digits.startsWith('00') && digits.length >= 3 && digits.length <= 5;
}
