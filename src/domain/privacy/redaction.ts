/**
 * Scrubbing of personal data from free-text answers before they are stored (DESIGN.md, rule 1).
 *
 * Recognised, in this order: e-mail addresses, IBANs (checksum), codici fiscali (check character,
 * omocodia included), payment card numbers (Luhn), partite IVA (check digit), phone numbers
 * (libphonenumber-js, default country IT). Checksummed identifiers are redacted only when their check
 * passes, so ordinary numbers and words that merely look alike are kept.
 *
 * Pure and synchronous; every regular expression is compiled once, at module load.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';
import { isValidIBAN } from 'ibantools';
import { isLuhnValid, isValidCodiceFiscale, isValidPartitaIva } from './checksums.js';

const PLACEHOLDER = {
  codiceFiscale: '[codice-fiscale]',
  email: '[email]',
  telefono: '[telefono]',
  iban: '[iban]',
  partitaIva: '[partita-iva]',
  carta: '[carta]',
} as const;

/**
 * Local part, `@`, then dot-separated domain labels. The look-behind makes a match start only at the
 * beginning of a run of local-part characters, which keeps the scan linear. A domain without a dot
 * (`mario@gmail`) is redacted too: it is still someone's address.
 */
const EMAIL_RE =
  /(?<![\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-])[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*/gu;

/** Shape of a codice fiscale, either case, omocodic letters (L-V) allowed where digits are expected. */
const CF_RE =
  /(?<![\p{L}\p{N}])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[ABCDEHLMPRSTabcdehlmprst][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![\p{L}\p{N}])/gu;

/**
 * IBAN candidate: country code, check digits, then up to 30 alphanumerics optionally separated by
 * single spaces or dashes. It may overshoot into the following word; the exact end is found by
 * trying the candidate's group boundaries against the checksum.
 */
const IBAN_RE = /(?<![\p{L}\p{N}])[A-Za-z]{2}[0-9]{2}(?:[ -]?[A-Za-z0-9]){11,30}/gu;
const IBAN_MIN_LENGTH = 15;
const IBAN_MAX_LENGTH = 34;

/** A maximal run of digit groups separated by single spaces or dashes (card candidates). */
const DIGIT_RUN_RE = /[0-9]+(?:[ -][0-9]+)*/g;
const CARD_MIN_DIGITS = 13;
const CARD_MAX_DIGITS = 19;

/** Partita IVA candidate: 11 digits, optionally prefixed by `IT`, standing alone. */
const PIVA_RE = /(?<![\p{L}\p{N}+])(?:[Ii][Tt] ?)?[0-9]{11}(?![\p{L}\p{N}])/gu;

/**
 * Phone candidates: digit groups joined by up to three characters of phone punctuation, optionally
 * led by `(` and `+`. A comma, a semicolon or a word ends a run, so "333 1234567, 333 7654321" is two runs
 * (searched as one text, libphonenumber would read the second number's prefix as an extension).
 */
const PHONE_RUN_RE = /\(?\+?[0-9]+(?:[ .\-/()]{1,3}[0-9]+)*/g;
const PHONE_MIN_DIGITS = 6;
/** Limits for the fallback that splits a run holding several numbers ("333 1234567 06 12345678"). */
const SPLIT_MIN_DIGITS = 8;
const SPLIT_MAX_DIGITS = 17; // E.164 allows 15 digits, plus a 00 international prefix
const SPLIT_MAX_GROUPS = 6;
/** Where a number split off a longer run may start: an Italian landline (0), mobile (3) or a + / 00 prefix. */
const SPLIT_START_RE = /^\(?[+03]/;

/**
 * A date such as 03-12-2024, 03.12.24 or 01 01 2000: libphonenumber reads these as Italian landlines
 * (0312024…), so a phone match that is exactly a plausible day-month-year is kept as text.
 */
const DATE_LIKE_RE = /^(?:0?[1-9]|[12][0-9]|3[01])([-./ ])(?:0?[1-9]|1[0-2])\1(?:[0-9]{2}|[0-9]{4})$/;

/** Some white space, as must separate two phone numbers written in one run. */
const SPACE_RE = /\s/;

/** One letter or digit, tested at a given index (sticky). */
const WORD_CHAR_AT = /[\p{L}\p{N}]/uy;
/** One letter, tested at a given index (sticky). */
const LETTER_AT = /\p{L}/uy;
/** One letter, `+` or digit, tested at a given index (sticky): what may not touch a card number. */
const CARD_NEIGHBOUR_AT = /[\p{L}\p{N}+]/uy;

/** Safety bound on the fixpoint loop; each round that changes the text strictly shrinks its digits, `@`s or CF letters. */
const MAX_ROUNDS = 64;

/** Replaces personal data in free text with placeholders such as `[email]`. */
export function redactPersonalData(text: string): string {
  // A replacement can expose a neighbour that a boundary check had protected (e.g. a codice fiscale
  // glued to a phone number), so redact until nothing changes: this makes the function idempotent.
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = redactOnce(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

function redactOnce(text: string): string {
  let out = text;
  if (out.includes('@')) out = out.replace(EMAIL_RE, PLACEHOLDER.email);
  const digits = countDigits(out);
  if (digits >= 2) out = redactIbans(out);
  if (out.length >= 16) out = out.replace(CF_RE, redactCodiceFiscale);
  if (digits >= CARD_MIN_DIGITS) out = redactCards(out);
  if (digits >= 11) out = out.replace(PIVA_RE, redactPartitaIva);
  if (digits >= PHONE_MIN_DIGITS) out = redactPhones(out);
  return out;
}

function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function isCharAt(re: RegExp, text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  re.lastIndex = index;
  return re.test(text);
}

function redactCodiceFiscale(match: string): string {
  return isValidCodiceFiscale(match) ? PLACEHOLDER.codiceFiscale : match;
}

function redactPartitaIva(match: string): string {
  return isValidPartitaIva(match.replace(' ', '')) ? PLACEHOLDER.partitaIva : match;
}

/** Rebuilds `text` with each [start, end) span (sorted, disjoint) replaced by `placeholder`. */
function replaceSpans(text: string, spans: readonly number[], placeholder: string): string {
  if (spans.length === 0) return text;
  let out = '';
  let last = 0;
  for (let k = 0; k < spans.length; k += 2) {
    out += text.slice(last, spans[k]) + placeholder;
    last = spans[k + 1]!;
  }
  return out + text.slice(last);
}

function redactIbans(text: string): string {
  const spans: number[] = [];
  IBAN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IBAN_RE.exec(text)) !== null) {
    const start = m.index;
    const candidate = m[0];
    // Compact form and, for every point where a group ends, its length and end offset in `text`.
    let compact = '';
    const ends: number[] = [];
    for (let i = 0; i < candidate.length; i++) {
      const ch = candidate[i]!;
      if (ch === ' ' || ch === '-') continue;
      compact += ch.toUpperCase();
      const next = candidate[i + 1];
      const atEnd = next === undefined;
      if ((atEnd && !isCharAt(WORD_CHAR_AT, text, start + i + 1)) || next === ' ' || next === '-') {
        ends.push(compact.length, start + i + 1);
      }
    }
    let end = -1;
    for (let k = ends.length - 2; k >= 0; k -= 2) {
      const length = ends[k]!;
      if (length < IBAN_MIN_LENGTH || length > IBAN_MAX_LENGTH) continue;
      if (isValidIBAN(compact.slice(0, length))) {
        end = ends[k + 1]!;
        break;
      }
    }
    if (end > 0) {
      spans.push(start, end);
      IBAN_RE.lastIndex = end;
    } else {
      IBAN_RE.lastIndex = start + 1;
    }
  }
  return replaceSpans(text, spans, PLACEHOLDER.iban);
}

/**
 * Card numbers are written either as one block of 13-19 digits or in groups (4-4-4-4, 4-6-5, …):
 * a grouped number starts with a group of four, its other groups have 3 to 6 digits, and only its
 * last group may be shorter. Within a run of digit groups, the longest Luhn-valid window starting at
 * each group wins.
 */
function redactCards(text: string): string {
  const spans: number[] = [];
  DIGIT_RUN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIGIT_RUN_RE.exec(text)) !== null) {
    const run = m[0];
    if (run.length < CARD_MIN_DIGITS) continue;
    const runStart = m.index;
    const runEnd = runStart + run.length;
    // Group boundaries as [start, end) offsets in `text`.
    const groups: number[] = [];
    let groupStart = runStart;
    for (let i = 0; i <= run.length; i++) {
      const ch = run[i];
      if (ch === undefined || ch === ' ' || ch === '-') {
        groups.push(groupStart, runStart + i);
        groupStart = runStart + i + 1;
      }
    }
    const count = groups.length / 2;
    let g = 0;
    while (g < count) {
      const end = longestCardFrom(text, groups, g, count, runStart, runEnd);
      if (end < 0) {
        g++;
        continue;
      }
      spans.push(groups[2 * g]!, groups[2 * end + 1]!);
      g = end + 1;
    }
  }
  return replaceSpans(text, spans, PLACEHOLDER.carta);
}

/** Index of the last group of the longest card number starting at group `first`, or -1. */
function longestCardFrom(
  text: string,
  groups: readonly number[],
  first: number,
  count: number,
  runStart: number,
  runEnd: number,
): number {
  const start = groups[2 * first]!;
  if (text.charCodeAt(start) === 48) return -1; // no card number starts with 0
  if (start === runStart && isCharAt(CARD_NEIGHBOUR_AT, text, start - 1)) return -1;
  const firstLength = groups[2 * first + 1]! - start;
  // Extend group by group while the shape allows it; remember the longest Luhn-valid prefix.
  let digits = 0;
  let best = -1;
  let joined = '';
  for (let last = first; last < count; last++) {
    const gs = groups[2 * last]!;
    const ge = groups[2 * last + 1]!;
    const length = ge - gs;
    if (last > first && (firstLength !== 4 || length > 6)) break;
    digits += length;
    // A short group (1-2 digits) can only close a number, as in 4-4-4-1 or 4-4-4-4-3.
    const closesOnly = last > first && length < 3;
    if (digits > CARD_MAX_DIGITS) break;
    joined += text.slice(gs, ge);
    const standsAlone = ge !== runEnd || !isCharAt(CARD_NEIGHBOUR_AT, text, ge);
    if (digits >= CARD_MIN_DIGITS && standsAlone && isLuhnValid(joined)) best = last;
    if (closesOnly) break;
  }
  return best;
}

/**
 * Phone numbers, found by libphonenumber-js (default country IT) in each run of digit groups. When a
 * run holds several numbers written one after the other, libphonenumber sees one over-long number and
 * finds nothing; the part of the run it did not claim is then split, at group boundaries, into the
 * consecutive numbers that cover the most digits.
 */
function redactPhones(text: string): string {
  const spans: number[] = [];
  PHONE_RUN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHONE_RUN_RE.exec(text)) !== null) {
    if (countDigits(m[0]) < PHONE_MIN_DIGITS) continue;
    for (const groups of splitAtDates(phoneGroups(m[0], m.index))) redactPhoneRun(text, groups, spans);
  }
  return replaceSpans(text, spans, PLACEHOLDER.telefono);
}

/** A digit group of a phone run: its [start, end) in the text, `start` including a leading `(+`. */
interface PhoneGroup {
  readonly start: number;
  readonly end: number;
  readonly digits: number;
  /** The separator before this group (empty for the first group of a run). */
  readonly before: string;
}

function phoneGroups(run: string, offset: number): PhoneGroup[] {
  const groups: PhoneGroup[] = [];
  let i = 0;
  let separator = '';
  while (i < run.length) {
    const from = i;
    while (i < run.length && !isAsciiDigit(run.charCodeAt(i))) i++;
    if (groups.length > 0) separator = run.slice(from, i);
    const start = groups.length === 0 ? from : i;
    const firstDigit = i;
    while (i < run.length && isAsciiDigit(run.charCodeAt(i))) i++;
    groups.push({ start: offset + start, end: offset + i, digits: i - firstDigit, before: separator });
  }
  return groups;
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Cuts a run around day-month-year triples written with one separator (-, . or /) that the run does
 * not continue with: "01-02-2023 03-04-2023" holds two dates and no phone number, while in
 * "06.12.34.56.78" the dots go on, so it stays a candidate phone number.
 */
function splitAtDates(groups: readonly PhoneGroup[]): PhoneGroup[][] {
  const parts: PhoneGroup[][] = [];
  let current: PhoneGroup[] = [];
  let k = 0;
  while (k < groups.length) {
    if (k + 2 < groups.length && isIsolatedDate(groups, k)) {
      if (current.length > 0) parts.push(current);
      current = [];
      k += 3;
      continue;
    }
    current.push(groups[k]!);
    k++;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

function isIsolatedDate(groups: readonly PhoneGroup[], k: number): boolean {
  const day = groups[k]!;
  const month = groups[k + 1]!;
  const year = groups[k + 2]!;
  const sep = month.before;
  if (sep.length !== 1 || !'-./'.includes(sep) || year.before !== sep) return false;
  if (day.before.includes(sep) || (groups[k + 3]?.before.includes(sep) ?? false)) return false;
  const d = day.digits;
  const mo = month.digits;
  const y = year.digits;
  return (d === 1 || d === 2) && (mo === 1 || mo === 2) && (y === 2 || y === 4);
}

function redactPhoneRun(text: string, groups: readonly PhoneGroup[], spans: number[]): void {
  const runStart = groups[0]!.start;
  const runEnd = groups[groups.length - 1]!.end;
  const found: number[] = [];
  for (const f of findPhoneNumbersInText(text.slice(runStart, runEnd), 'IT')) {
    const start = runStart + f.startsAt;
    const end = runStart + f.endsAt;
    if (isPhoneSpan(text, start, end, runStart, runEnd)) found.push(start, end);
  }
  // Split the stretches of groups that libphonenumber left unclaimed.
  const split: number[] = [];
  let pending: PhoneGroup[] = [];
  const flush = () => {
    if (pending.length > 1 && digitCount(pending) >= SPLIT_MIN_DIGITS) {
      const wholeRunTried = pending.length === groups.length;
      splitNumbers(text, pending, runStart, runEnd, wholeRunTried, split);
    }
    pending = [];
  };
  let c = 0;
  for (const g of groups) {
    while (c < found.length && found[c + 1]! <= g.start) c += 2;
    if (c < found.length && found[c]! < g.end) flush();
    else pending.push(g);
  }
  flush();
  // Both lists hold disjoint [start, end) pairs, so sorting the flat merge keeps each pair together.
  for (const x of [...found, ...split].sort((a, b) => a - b)) spans.push(x);
}

function digitCount(groups: readonly PhoneGroup[]): number {
  let n = 0;
  for (const g of groups) n += g.digits;
  return n;
}

function isPhoneSpan(text: string, start: number, end: number, runStart: number, runEnd: number): boolean {
  if (end <= start) return false;
  // Like libphonenumber on whole text: a number glued to a word is some other code.
  if (start === runStart && isCharAt(LETTER_AT, text, start - 1)) return false;
  if (end === runEnd && isCharAt(LETTER_AT, text, end)) return false;
  return !DATE_LIKE_RE.test(text.slice(start, end));
}

/**
 * The numbers that split `groups` so as to cover the most digits (dynamic programming over groups).
 * Numbers written one after another are set apart by white space, so a split point must hold some:
 * "978-88-04-12345-6" (an ISBN) is never cut into "978-88-" and a phone number.
 */
function splitNumbers(
  text: string,
  groups: readonly PhoneGroup[],
  runStart: number,
  runEnd: number,
  wholeRunTried: boolean,
  out: number[],
): void {
  const n = groups.length;
  const covered = new Array<number>(n + 1).fill(0);
  const choice = new Array<number>(n).fill(-1); // last group of the number starting at i, or -1
  for (let i = n - 1; i >= 0; i--) {
    covered[i] = covered[i + 1]!;
    const first = groups[i]!;
    if (!SPLIT_START_RE.test(text.slice(first.start, first.end))) continue;
    if (i > 0 && !SPACE_RE.test(first.before)) continue;
    let digits = 0;
    for (let j = i; j < n && j < i + SPLIT_MAX_GROUPS; j++) {
      digits += groups[j]!.digits;
      if (digits > SPLIT_MAX_DIGITS) break;
      if (digits < SPLIT_MIN_DIGITS || (wholeRunTried && i === 0 && j === n - 1)) continue;
      if (j < n - 1 && !SPACE_RE.test(groups[j + 1]!.before)) continue;
      if (digits + covered[j + 1]! <= covered[i]!) continue;
      if (isWholePhoneNumber(text, first.start, groups[j]!.end, runStart, runEnd)) {
        covered[i] = digits + covered[j + 1]!;
        choice[i] = j;
      }
    }
  }
  for (let i = 0; i < n;) {
    const j = choice[i]!;
    if (j < 0) {
      i++;
      continue;
    }
    out.push(groups[i]!.start, groups[j]!.end);
    i = j + 1;
  }
}

function isWholePhoneNumber(
  text: string,
  start: number,
  end: number,
  runStart: number,
  runEnd: number,
): boolean {
  if (!isPhoneSpan(text, start, end, runStart, runEnd)) return false;
  const found = findPhoneNumbersInText(text.slice(start, end), 'IT');
  return found.length === 1 && found[0]!.startsAt <= 1 && found[0]!.endsAt === end - start;
}
