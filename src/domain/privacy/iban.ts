/** IBANs of any country, with or without spaces or dashes between groups. */
import { isValidIBAN } from 'ibantools';
import { countDigits, isCharAt, type Detector, type Span } from './detector.js';

/**
 * IBAN candidate: country code, check digits, then up to 30 alphanumerics optionally separated by
 * single spaces or dashes. It may overshoot into the following word; the exact end is found by trying
 * the candidate's group boundaries against the checksum.
 */
const IBAN_RE = /(?<![\p{L}\p{N}])[A-Za-z]{2}[0-9]{2}(?:[ -]?[A-Za-z0-9]){11,30}/gu;
const IBAN_MIN_LENGTH = 15;
const IBAN_MAX_LENGTH = 34;

/** One letter or digit, tested at a given index (sticky). */
const WORD_CHAR_AT = /[\p{L}\p{N}]/uy;

/** Finds IBANs whose mod-97 checksum (ibantools) holds, ending at the last group that makes it hold. */
export const ibanDetector: Detector = {
  kind: 'iban',
  mayOccur: (text) => countDigits(text) >= 2,
  find: findIbans,
};

function findIbans(text: string): Span[] {
  const spans: Span[] = [];
  IBAN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IBAN_RE.exec(text)) !== null) {
    const end = ibanEnd(text, m.index, m[0]);
    if (end > 0) {
      spans.push({ start: m.index, end });
      IBAN_RE.lastIndex = end;
    } else {
      // The candidate may have started inside a longer word-free run: try the next position.
      IBAN_RE.lastIndex = m.index + 1;
    }
  }
  return spans;
}

/** End offset in `text` of the longest valid IBAN that `candidate` (at `start`) begins with, or -1. */
function ibanEnd(text: string, start: number, candidate: string): number {
  // Compact form and, for every point where a group ends, its length and end offset in `text`.
  let compact = '';
  const ends: { length: number; end: number }[] = [];
  for (let i = 0; i < candidate.length; i++) {
    const ch = candidate[i]!;
    if (ch === ' ' || ch === '-') continue;
    compact += ch.toUpperCase();
    const next = candidate[i + 1];
    const atEnd = next === undefined;
    if ((atEnd && !isCharAt(WORD_CHAR_AT, text, start + i + 1)) || next === ' ' || next === '-') {
      ends.push({ length: compact.length, end: start + i + 1 });
    }
  }
  for (let k = ends.length - 1; k >= 0; k--) {
    const { length, end } = ends[k]!;
    if (length < IBAN_MIN_LENGTH || length > IBAN_MAX_LENGTH) continue;
    if (isValidIBAN(compact.slice(0, length))) return end;
  }
  return -1;
}
