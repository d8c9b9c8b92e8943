/** Payment card numbers (Luhn), in one block or grouped by spaces or dashes as the networks print them. */
import { isLuhnValid } from './checksums.js';
import { countDigits, isCharAt, type Detector, type Span } from './detector.js';

/** A maximal run of digit groups separated by single spaces or dashes. */
const DIGIT_RUN_RE = /[0-9]+(?:[ -][0-9]+)*/g;
const CARD_MIN_DIGITS = 13;
const CARD_MAX_DIGITS = 19;

/** One letter, `+` or digit, tested at a given index (sticky): what may not touch a card number. */
const CARD_NEIGHBOUR_AT = /[\p{L}\p{N}+]/uy;
/** After a card: also a dot, comma or slash and a digit, which carry on some longer number. */
const CARD_FOLLOWER_AT = /[\p{L}\p{N}+]|[.,/][0-9]/uy;

/**
 * Finds Luhn-valid card numbers, written as one block of 13-19 digits or in a printed layout. Within a
 * run of digit groups, the longest card starting at each group wins.
 */
export const cardDetector: Detector = {
  kind: 'carta',
  mayOccur: (text) => countDigits(text) >= CARD_MIN_DIGITS,
  find: findCards,
};

function findCards(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(DIGIT_RUN_RE)) {
    const run = m[0];
    if (run.length < CARD_MIN_DIGITS) continue;
    const runStart = m.index;
    const groups: Span[] = []; // the digit groups of the run
    let groupStart = runStart;
    for (let i = 0; i <= run.length; i++) {
      const ch = run[i];
      if (ch === undefined || ch === ' ' || ch === '-') {
        groups.push({ start: groupStart, end: runStart + i });
        groupStart = runStart + i + 1;
      }
    }
    let g = 0;
    while (g < groups.length) {
      const last = cardFrom(text, groups, g, runStart + run.length);
      if (last < 0) {
        g++;
        continue;
      }
      spans.push({ start: groups[g]!.start, end: groups[last]!.end });
      g = last + 1;
    }
  }
  return spans;
}

/**
 * Index of the last group of the longest card number starting at group `first`, or -1. Grouped, a card
 * starts with a block of four and goes on in groups of 3 to 6 digits (4-4-4-4, 4-6-5, 4-4-4-4-3). A
 * group shorter than four closes the number and must end the run too: otherwise a Luhn-valid window (one
 * in ten) across two phone numbers in a row ("8135 9665 0039 054 000000") would be taken for a card.
 */
function cardFrom(text: string, groups: readonly Span[], first: number, runEnd: number): number {
  const start = groups[first]!.start;
  if (text.charCodeAt(start) === 48) return -1; // no card number starts with 0
  if (first === 0 && isCharAt(CARD_NEIGHBOUR_AT, text, start - 1)) return -1;
  const firstLength = groups[first]!.end - start;
  let digits = 0;
  let joined = '';
  let best = -1;
  for (let last = first; last < groups.length; last++) {
    const { start: gs, end: ge } = groups[last]!;
    const length = ge - gs;
    if (last > first && (firstLength !== 4 || length > 6)) break;
    digits += length;
    if (digits > CARD_MAX_DIGITS) break;
    joined += text.slice(gs, ge);
    const closes = last > first && length < 4;
    const atRunEnd = ge === runEnd;
    // Glued at the end of the run to a letter, `+`, digit or ".5", it is part of some longer code.
    const standsAlone = !atRunEnd || !isCharAt(CARD_FOLLOWER_AT, text, ge);
    const ends = !closes || atRunEnd;
    if (digits >= CARD_MIN_DIGITS && ends && standsAlone && isLuhnValid(joined)) best = last;
    if (closes) break;
  }
  return best;
}
