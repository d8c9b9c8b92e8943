/**
 * Check-digit algorithms used to recognise Italian identifiers and payment cards in free text.
 * Pure functions: a string in, a boolean out, never a throw.
 */

/** Value of each character of a codice fiscale at an odd (1st, 3rd, …) position, indexed 0-9 then A-Z. */
const CF_ODD: readonly number[] = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23, // A-Z
]; // prettier-ignore

/** Shape of a codice fiscale (upper case), omocodic letters L-V allowed wherever a digit is expected. */
const CF_SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

const CODE_0 = 48;
const CODE_A = 65;

/** Index of an upper-case alphanumeric character in the 0-9A-Z sequence (0..35). */
function alnumIndex(code: number): number {
  return code <= 57 ? code - CODE_0 : code - CODE_A + 10;
}

/** True when `s` is a 16-character codice fiscale (omocodic ones included) whose check character is right. */
export function isValidCodiceFiscale(s: string): boolean {
  const cf = s.toUpperCase();
  if (!CF_SHAPE.test(cf)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const code = cf.charCodeAt(i);
    // Positions are 1-based in the official rule: index 0 is the 1st, an odd position.
    if (i % 2 === 0) sum += CF_ODD[alnumIndex(code)]!;
    else sum += code <= 57 ? code - CODE_0 : code - CODE_A;
  }
  return cf.charCodeAt(15) === CODE_A + (sum % 26);
}

/** True when `s` is an 11-digit partita IVA (optionally prefixed `IT`) whose check digit is right. */
export function isValidPartitaIva(s: string): boolean {
  const digits = s.length === 13 && /^it/i.test(s) ? s.slice(2) : s;
  return digits.length === 11 && isLuhnValid(digits);
}

/** True when `digits` is a non-empty string of decimal digits passing the Luhn (mod 10) check. */
export function isLuhnValid(digits: string): boolean {
  const n = digits.length;
  if (n === 0) return false;
  let sum = 0;
  let double = false;
  for (let i = n - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - CODE_0;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
