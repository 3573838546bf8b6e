import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt at OWASP's recommended cost (N=2^17, r=8, p=1), no
 * native build needed. Format: `scrypt$<log2N>$<r>$<p>$<salt b64>$<hash b64>` so the
 * cost can be raised later and old hashes still verify.
 */
const LOG_N = 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFKC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function options(logN: number, r: number, p: number): ScryptOptions {
  const N = 2 ** logN;
  return { N, r, p, maxmem: 256 * N * r };
}

/**
 * The cost of a new hash: LOG_N, except in the test processes, which ask for a lower one
 * (SCRYPT_LOG_N_FOR_TESTS) so that sign-ups and sign-ins do not spend most of a second of CPU
 * per hash on a shared 2-core machine (issue 15: tests that take minutes):
 * - Vitest's integration tests (vitest.config.ts): honoured with VITEST set and NODE_ENV=test;
 * - the e2e server and its spec workers (playwright.config.ts): honoured with APP_ENV=test, the
 *   test mode that already has test clocks and the developer API (lib/clock/app-env.ts), which a
 *   production deployment never runs in.
 * Never with APP_ENV=production, and only below LOG_N. Verification always reads the cost from
 * the stored hash; lib/auth/password.test.ts asserts LOG_N.
 */
export function newHashLogN(env: Record<string, string | undefined> = process.env): number {
  const testProcess = (env.VITEST && env.NODE_ENV === 'test') || env.APP_ENV === 'test';
  const lowered = testProcess ? Number(env.SCRYPT_LOG_N_FOR_TESTS) : NaN;
  return Number.isInteger(lowered) && lowered >= 10 && lowered < LOG_N ? lowered : LOG_N;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const logN = newHashLogN();
  const key = await scrypt(password, salt, KEY_LENGTH, options(logN, R, P));
  return ['scrypt', logN, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, logN, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, options(Number(logN), Number(r), Number(p)));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password, verified against when the email is unknown so timing does not reveal accounts. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}
