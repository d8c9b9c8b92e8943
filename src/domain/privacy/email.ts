/** E-mail addresses. */
import { matchSpans, type Detector } from './detector.js';

/**
 * Local part, `@`, then domain labels. The look-behind makes a match start only at the beginning of a
 * run of local-part characters, which keeps the scan linear. The domain needs no dot: `mario@gmail`
 * (a dropped `.com`) still names someone's mailbox.
 */
const EMAIL_RE =
  /(?<![\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-])[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*/gu;

/** Finds e-mail addresses, with or without a dot in the domain. */
export const emailDetector: Detector = {
  kind: 'email',
  mayOccur: (text) => text.includes('@'),
  find: (text) => matchSpans(EMAIL_RE, text),
};
