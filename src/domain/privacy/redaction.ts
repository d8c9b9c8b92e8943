/**
 * Scrubbing of personal data from free-text answers before they are stored: codici fiscali, e-mail
 * addresses, phone numbers, IBANs, partite IVA and payment card numbers become placeholders such as
 * `[email]`. One detector per kind (its own module); checksummed identifiers are redacted only when
 * their check passes, phone numbers by shape. See docs/privacy.md for the formats and tie-breaks.
 *
 * Pure and synchronous; every regular expression is compiled once, at module load.
 */
import { cardDetector } from './card.js';
import { codiceFiscaleDetector } from './codice-fiscale.js';
import { placeholderOf, replaceSpans, type Detector } from './detector.js';
import { emailDetector } from './email.js';
import { ibanDetector } from './iban.js';
import { partitaIvaDetector } from './partita-iva.js';
import { phoneDetector } from './phone.js';

export type { PersonalDataKind } from './detector.js';

/**
 * The detectors, in the order they run. Each sees the text with the earlier ones' finds already replaced:
 * e-mail first (its local part may hold digits), IBAN before card and partita IVA (its digits would
 * pass for them), partita IVA before phone (a valid one starting with 0 is also landline-shaped).
 */
export const DETECTORS: readonly Detector[] = [
  emailDetector,
  ibanDetector,
  codiceFiscaleDetector,
  cardDetector,
  partitaIvaDetector,
  phoneDetector,
];

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
  for (const detector of DETECTORS) {
    if (detector.mayOccur(out)) out = replaceSpans(out, detector.find(out), placeholderOf(detector.kind));
  }
  return out;
}
