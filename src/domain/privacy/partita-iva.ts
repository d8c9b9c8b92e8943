/** Partite IVA (Italian VAT numbers). */
import { isValidPartitaIva } from './checksums.js';
import { countDigits, matchSpans, type Detector } from './detector.js';

/** 11 digits, optionally led by `IT` or `IT `, standing alone (not inside a longer number or word). */
const PIVA_RE = /(?<![\p{L}\p{N}+])(?:[Ii][Tt] ?)?[0-9]{11}(?![\p{L}\p{N}])/gu;

/** An Italian international dialling prefix ending right before a match: "+39 ", "0039-", "(+39) ". */
const PHONE_PREFIX_BEFORE_RE = /(?:\+|00)39\)?[ \u00A0.\-/]?$/;

/**
 * Finds partite IVA whose check digit is right. It runs before the phone detector so that a valid
 * partita IVA starting with 0 (also the shape of an 11-digit landline) is labelled as what it is,
 * unless a +39 / 0039 prefix says it is a phone number (one in ten landlines passes the check).
 */
export const partitaIvaDetector: Detector = {
  kind: 'partita-iva',
  mayOccur: (text) => countDigits(text) >= 11,
  find: (text) =>
    matchSpans(
      PIVA_RE,
      text,
      (match, index) =>
        isValidPartitaIva(match.replace(' ', '')) &&
        !PHONE_PREFIX_BEFORE_RE.test(text.slice(Math.max(0, index - 7), index)),
    ),
};
