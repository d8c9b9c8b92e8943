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
 * is printed in one of the networks' layouts: blocks of four, the last one possibly shorter (4-4-4-4,
 * 4-4-4-4-3, 4-4-4-1), or 4-6-5 and 4-6-4. A group shorter than four closes the number and must end the
 * run too: otherwise a Luhn-valid window (one in ten) across two phone numbers in a row
 * ("8135 9665 0039 054 000000", "7431 3282 003902 823839") would be taken for a card.
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
    if (last > first && (firstLength !== 4 || !fitsLayout(groups, first, last))) break;
    digits += length;
    if (digits > CARD_MAX_DIGITS) break;
    joined += text.slice(gs, ge);
    const closes = last > first && (length < 4 || (last - first === 2 && isWideLayout(groups, first)));
    const atRunEnd = ge === runEnd;
    // Glued at the end of the run to a letter, `+`, digit or ".5", it is part of some longer code.
    const standsAlone = !atRunEnd || !isCharAt(CARD_FOLLOWER_AT, text, ge);
    const ends = !closes || atRunEnd;
    if (digits >= CARD_MIN_DIGITS && ends && standsAlone && isLuhnValid(joined)) best = last;
    if (closes) break;
  }
  return best;
}

const groupLength = (groups: readonly Span[], g: number) => groups[g]!.end - groups[g]!.start;

/** 4-6-5 (American Express) and 4-6-4 (Diners): a second group of six. */
function isWideLayout(groups: readonly Span[], first: number): boolean {
  return groups.length > first + 1 && groupLength(groups, first + 1) === 6;
}

/** True when group `last` may follow groups first..last-1 in a printed card layout. */
function fitsLayout(groups: readonly Span[], first: number, last: number): boolean {
  const length = groupLength(groups, last);
  if (!isWideLayout(groups, first)) return length <= 4;
  return last - first === 1 || length === 4 || length === 5;
}
