/**
 * Builders of personal data in the formats people write it, shared by the redaction property tests
 * (driven by fast-check through `fromGen`) and the corpus (driven by the seeded `seeded`). Check digits
 * are computed here, independently of src/, so that a wrong check in src/ cannot hide itself.
 */
import fc from 'fast-check';

/** Where a builder takes its choices from. */
export interface Choose {
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
}

/** Choices from fast-check's `fc.gen()`, so failures shrink. */
export function fromGen(g: fc.GeneratorValue): Choose {
  return { int: (min, max) => g(fc.integer, { min, max }) };
}

/** Choices from a seeded PRNG (mulberry32): the same seed gives the same corpus. */
export function seeded(seed: number): Choose {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

export function pick<T>(c: Choose, items: readonly T[]): T {
  return items[c.int(0, items.length - 1)]!;
}

/** `n` random digits; the first one from `first`. */
export function digits(c: Choose, n: number, first = '0123456789'): string {
  let s = n > 0 ? pick(c, [...first]) : '';
  while (s.length < n) s += String(c.int(0, 9));
  return s;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Splits `ds` into groups of the given lengths (the last one takes the rest) joined by `sep`. */
export function groupDigits(ds: string, layout: readonly number[], sep: string): string {
  const parts: string[] = [];
  let at = 0;
  layout.forEach((length, k) => {
    const end = k === layout.length - 1 ? ds.length : at + length;
    if (end > at) parts.push(ds.slice(at, end));
    at = end;
  });
  return parts.join(sep);
}

// ---- phone numbers ------------------------------------------------------------------------------------

export const ITALIAN_PREFIXES = ['', '+39', '+39 ', '+39-', '0039', '0039 ', '(+39)', '(+39) ', '(0039) '];
export const PHONE_SEPARATORS = [' ', '-', '.', '/', ''];
const MOBILE_LAYOUTS: Record<number, number[][]> = {
  9: [[9], [3, 6], [3, 3, 3]],
  10: [[10], [3, 7], [3, 3, 4], [3, 4, 3], [3, 2, 2, 3], [3, 3, 2, 2]],
};

/** An Italian mobile: 3, any two digits (30x included: shape, not assignment), 6-7 more. */
export function mobileNumber(c: Choose): string {
  const length = c.int(0, 4) === 0 ? 9 : 10;
  const ds = '3' + digits(c, length - 1);
  return (
    pick(c, ITALIAN_PREFIXES) + groupDigits(ds, pick(c, MOBILE_LAYOUTS[length]!), pick(c, PHONE_SEPARATORS))
  );
}

/** Subscriber lengths by area-code length: 02 and 06 have 6-8 digits, 4-digit area codes 4-7. */
const SUBSCRIBER_LENGTHS: Record<number, [number, number]> = { 2: [6, 8], 3: [5, 8], 4: [4, 7] };

/** An Italian landline: an area code of 2-4 digits starting 0[1-9], a subscriber number, 6-11 in all. */
export function fixedNumber(c: Choose): string {
  const areaLength = c.int(2, 4);
  const area = '0' + digits(c, areaLength - 1, '123456789');
  const subscriber = digits(c, c.int(...SUBSCRIBER_LENGTHS[areaLength]!));
  const layouts: number[][] = [[subscriber.length]];
  if (subscriber.length === 8) layouts.push([4, 4], [2, 2, 2, 2]);
  if (subscriber.length === 6) layouts.push([3, 3], [2, 2, 2]);
  const sep = pick(c, [' ', ' ', '.', '-']);
  const grouped = groupDigits(subscriber, pick(c, layouts), sep);
  const national = pick(c, [
    area + subscriber,
    `${area}${sep}${grouped}`,
    `${area}${sep}${subscriber}`,
    `${area}/${subscriber}`,
    `(${area}) ${grouped}`,
  ]);
  return national.startsWith('(') ? national : pick(c, ITALIAN_PREFIXES) + national;
}

const FOREIGN: readonly [string, number[]][] = [
  ['44', [2, 4, 4]], // +44 20 7946 0958
  ['33', [1, 2, 2, 2, 2]], // +33 6 12 34 56 78
  ['49', [2, 8]],
  ['41', [2, 3, 2, 2]],
  ['1', [3, 3, 4]],
  ['34', [3, 3, 3]],
  ['43', [1, 9]],
];

/** A foreign number: +CC (or 00CC as its own group) and the national digits. */
export function foreignNumber(c: Choose): string {
  const [cc, layout] = pick(c, FOREIGN);
  const national = digits(
    c,
    layout.reduce((a, b) => a + b, 0),
    '123456789',
  );
  const style = c.int(0, 3);
  if (style === 0) return `+${cc}${national}`;
  const grouped = groupDigits(national, layout, ' ');
  return style === 1 ? `00${cc} ${grouped}` : `+${cc} ${grouped}`;
}

export function phoneNumber(c: Choose): string {
  const which = c.int(0, 9);
  return which < 6 ? mobileNumber(c) : which < 9 ? fixedNumber(c) : foreignNumber(c);
}

// ---- identifiers with check digits ------------------------------------------------------------------

/** Luhn check digit for `body` (doubling every second digit from the right, the rightmost included). */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(body[i]);
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A card number of a common network, in one block or grouped by spaces or dashes. */
export function cardNumber(c: Choose): { digits: string; formatted: string } {
  const [prefix, length, layout] = pick(c, [
    ['4', 16, [4, 4, 4, 4]],
    ['5' + c.int(1, 5), 16, [4, 4, 4, 4]],
    ['3' + pick(c, ['4', '7']), 15, [4, 6, 5]],
    ['6011', 16, [4, 4, 4, 4]],
    ['4', 19, [4, 4, 4, 4, 3]],
    ['4', 13, [4, 4, 4, 1]],
    ['36', 14, [4, 6, 4]],
  ] as const);
  const body = prefix + digits(c, length - 1 - prefix.length);
  const ds = body + luhnCheckDigit(body);
  return { digits: ds, formatted: groupDigits(ds, layout, pick(c, ['', ' ', '-'])) };
}

/** Official partita IVA check digit of its first ten digits. */
export function pivaCheckDigit(first10: string): string {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = Number(first10[i]);
    sum += i % 2 === 0 ? d : d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A partita IVA: 7-digit number, office code 001-100, check digit; optionally led by `IT`. */
export function partitaIva(c: Choose): { digits: string; formatted: string } {
  const first10 = digits(c, 7) + pad(c.int(1, 100), 3);
  const ds = first10 + pivaCheckDigit(first10);
  return { digits: ds, formatted: pick(c, ['', '', 'IT', 'IT ']) + ds };
}

/** The IBAN check digits (ISO 13616, mod 97) of `country` + `bban`. */
export function ibanCheckDigits(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`]
    .map((ch) => (ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch))
    .join('');
  return pad(98 - Number(BigInt(numeric) % 97n), 2);
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letters = (c: Choose, n: number) => Array.from({ length: n }, () => pick(c, [...LETTERS])).join('');

/** An IBAN (IT, DE, GB, NL, AT: countries with no national check besides mod 97), as people write it. */
export function iban(c: Choose): { compact: string; formatted: string } {
  const [country, bban] = pick(c, [
    ['IT', letters(c, 1) + digits(c, 10) + digits(c, 12)],
    ['IT', letters(c, 1) + digits(c, 10) + digits(c, 12)],
    ['DE', digits(c, 18)],
    ['GB', letters(c, 4) + digits(c, 14)],
    ['NL', letters(c, 4) + digits(c, 10)],
    ['AT', digits(c, 16)],
  ] as const);
  const compact = country + ibanCheckDigits(country, bban) + bban;
  const spaced = compact.replace(/(.{4})(?=.)/g, '$1 ');
  const formatted = pick(c, [compact, spaced, spaced, compact.toLowerCase(), spaced.toLowerCase()]);
  return { compact, formatted };
}

const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const alnum = (ch: string) => (ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 65);

/** The check character of the first 15 characters of a codice fiscale (official tables). */
export function cfCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15[i]!;
    // Odd positions (1st, 3rd, … in the official 1-based count) use their own table, for digits and letters alike.
    sum += i % 2 === 0 ? CF_ODD[alnum(ch)]! : alnum(ch);
  }
  return LETTERS[sum % 26]!;
}

const OMOCODE = 'LMNPQRSTUV';
const CF_DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14];

/** A codice fiscale with a right check character; sometimes omocodic, sometimes in lower case. */
export function codiceFiscale(c: Choose): string {
  const day = c.int(0, 1) === 0 ? c.int(1, 31) : c.int(41, 71);
  const chars = [
    ...letters(c, 6),
    ...pad(c.int(0, 99), 2),
    pick(c, [...'ABCDEHLMPRST']),
    ...pad(day, 2),
    letters(c, 1),
    ...pad(c.int(0, 999), 3),
  ];
  // Omocodia replaces digits from the rightmost one leftwards.
  const omocodia = c.int(0, 9) < 8 ? 0 : c.int(1, 7);
  for (let k = 0; k < omocodia; k++) {
    const at = CF_DIGIT_POSITIONS[CF_DIGIT_POSITIONS.length - 1 - k]!;
    chars[at] = OMOCODE[Number(chars[at])]!;
  }
  const body = chars.join('');
  const cf = body + cfCheckChar(body);
  return c.int(0, 4) === 0 ? cf.toLowerCase() : cf;
}

/** An e-mail address; a sixth of them lack the dot of their domain (`mario@gmail`). */
export function emailAddress(c: Choose): string {
  const name = pick(c, ['mario', 'giulia', 'luca', 'anna', 'francesco', 'chiara', 'giuseppe', 'sara']);
  const surname = pick(c, ['rossi', 'bianchi', 'esposito', 'romano', 'colombo', 'ricci', 'de.luca']);
  const local = pick(c, [
    `${name}.${surname}`,
    `${name[0]}.${surname}`,
    `${name}_${surname}${c.int(1, 99)}`,
    `${name}${surname}`,
    `${name}+pa`,
    `${surname}.${name}${c.int(60, 99)}`,
  ]);
  const domain = pick(c, [
    'gmail.com',
    'libero.it',
    'pec.it',
    'comune.roma.it',
    'yahoo.it',
    'outlook.com',
    'gmail',
    'libero',
  ]);
  const address = `${local}@${domain}`;
  return c.int(0, 9) === 0 ? address.toUpperCase() : address;
}
