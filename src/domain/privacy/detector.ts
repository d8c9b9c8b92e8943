/**
 * What every detector of personal data shares: the kinds it may report, the [start, end) spans it returns
 * and the helpers to scan text for them. Detectors are pure: text in, spans out.
 */

/** A kind of personal data; its placeholder in redacted text is the kind in brackets, e.g. `[email]`. */
export type PersonalDataKind = 'codice-fiscale' | 'email' | 'telefono' | 'iban' | 'partita-iva' | 'carta';

/** A stretch of text, [start, end) in UTF-16 code units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One detector: a cheap precondition, so most texts skip the scan, and the scan itself. */
export interface Detector {
  readonly kind: PersonalDataKind;
  /** False when the text cannot hold this kind (too few digits, no `@`, …). */
  readonly mayOccur: (text: string) => boolean;
  /** The spans holding this kind, sorted and disjoint. */
  readonly find: (text: string) => Span[];
}

/** The placeholder that replaces data of `kind`. */
export function placeholderOf(kind: PersonalDataKind): string {
  return `[${kind}]`;
}

/** Rebuilds `text` with each span (sorted, disjoint) replaced by `placeholder`. */
export function replaceSpans(text: string, spans: readonly Span[], placeholder: string): string {
  if (spans.length === 0) return text;
  let out = '';
  let last = 0;
  for (const span of spans) {
    out += text.slice(last, span.start) + placeholder;
    last = span.end;
  }
  return out + text.slice(last);
}

/** The spans of the matches of a global regular expression that `accept` keeps. */
export function matchSpans(
  re: RegExp,
  text: string,
  accept: (match: string, index: number) => boolean = () => true,
): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) {
    if (accept(m[0], m.index)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Number of ASCII digits in `text`. */
export function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isAsciiDigit(text.charCodeAt(i))) n++;
  return n;
}

/** True for the char codes of 0-9. */
export function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True when the sticky `re` matches at `index` of `text`; false outside the text. */
export function isCharAt(re: RegExp, text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  re.lastIndex = index;
  return re.test(text);
}
