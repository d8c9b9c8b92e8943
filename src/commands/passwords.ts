/** Password hashing with argon2id (OWASP's recommended parameters: 19 MiB, 2 passes, 1 lane). */
import { hash, verify } from '@node-rs/argon2';

// (2 is Algorithm.Argon2id, a const enum that isolated modules cannot read)
const PARAMETERS = {
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;
export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMETERS);
}

/** A hash of nothing anyone knows: verified against when the e-mail is unknown, so both take as long. */
const DECOY = hash('decoy password that no account has', PARAMETERS);

/** Whether `password` matches `stored`; with no stored hash, spends the same time and says no. */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    await verify(await DECOY, password);
    return false;
  }
  return verify(stored, password);
}
