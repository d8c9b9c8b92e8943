/** Codici fiscali of natural persons. */
import { isValidCodiceFiscale } from './checksums.js';
import { matchSpans, type Detector } from './detector.js';

/**
 * Shape of a codice fiscale, either case, omocodic letters (L-V) allowed where digits are expected, not
 * glued to a longer word. Only codes whose check character is right are redacted, so words and product
 * codes of the same shape stay.
 */
const CF_RE =
  /(?<![\p{L}\p{N}])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[ABCDEHLMPRSTabcdehlmprst][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![\p{L}\p{N}])/gu;

/** Finds codici fiscali (omocodic ones included) whose check character is right. */
export const codiceFiscaleDetector: Detector = {
  kind: 'codice-fiscale',
  mayOccur: (text) => text.length >= 16,
  find: (text) => matchSpans(CF_RE, text, isValidCodiceFiscale),
};
