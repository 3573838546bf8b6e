import fs from 'node:fs';
import path from 'node:path';

/**
 * New passwords (issue 13 item 6, ASVS V2.1.1 / V2.1.7): at least 12 characters, not the
 * email or the name (nor containing them), not a common or breached password. The list is
 * lib/auth/common-passwords.txt (how it was composed: scripts/build-common-passwords.py);
 * a password is looked up as typed, without a digit/symbol head or tail
 * ("Sunshine2024!" → "sunshine"), and with leetspeak undone ("p@ssw0rd" → "password").
 * Returns the message for the password field, or null when it is acceptable.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  if (!common) {
    const file = path.join(process.cwd(), 'lib/auth/common-passwords.txt');
    common = new Set(fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0));
  }
  return common;
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't' };

function candidates(password: string): string[] {
  const lower = password.normalize('NFKC').toLowerCase();
  const compact = lower.replace(/\s+/g, '');
  const stripped = compact.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const unleet = (s: string) => s.replace(/[0134579@$!|+]/g, (c) => LEET[c] ?? c);
  // A short letter head or tail on a common run ("1234567890ab", "abc123456789") is as weak as the run.
  const core = compact.replace(/^[a-z]{1,3}(?=[^a-z])|(?<=[^a-z])[a-z]{1,3}$/g, '');
  return [...new Set([lower, compact, stripped, core, unleet(compact), unleet(stripped), unleet(compact).replace(/^[^a-z]+|[^a-z]+$/g, ''), unleet(compact).replace(/1/g, 'l')])].filter(
    (s) => s.length > 0,
  );
}

export function newPasswordProblem(password: string, person: { email?: string; name?: string }): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`;
  const compact = password.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (compact.length === 0) return 'Password must not be only spaces.';
  if (new Set(compact).size < 4) return 'Password must not repeat a few characters: use at least 4 different ones.';
  const email = person.email?.trim().toLowerCase() ?? '';
  const local = email.split('@')[0] ?? '';
  const name = (person.name ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  for (const own of [email, local, name]) {
    if (own.length >= 3 && compact.includes(own)) return 'Password must not contain your email address or your name.';
  }
  const list = commonPasswords();
  if (candidates(password).some((c) => list.has(c))) return 'This password is too common (it appears in lists of leaked passwords); choose another.';
  return null;
}
