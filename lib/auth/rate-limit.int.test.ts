import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { testDb } from '@/tests/db';
import { checkSignIn, MAX_FAILURES_PER_EMAIL, recordSignInAttempt, takeRequestSlot, THROTTLE_WINDOW_MS } from './rate-limit';
import { FREE_FAILURES_PER_ADDRESS, FREE_FAILURES_PER_PAIR } from './throttle-rules';

const { db } = testDb();
const randomAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

// Issue 13 item 3: five failures used to lock the account for everyone for 15 minutes.
test('failures for one email slow only the address they come from, progressively', async () => {
  const email = `${randomUUID()}@example.test`;
  const attacker = randomAddress();
  const t0 = new Date(Date.now() - 60_000);
  for (let i = 0; i < FREE_FAILURES_PER_PAIR - 1; i++) await recordSignInAttempt(db, email, attacker, false, t0);
  expect(await checkSignIn(db, email, attacker, t0)).toEqual({ allowed: true });
  await recordSignInAttempt(db, email, attacker, false, t0);
  expect(await checkSignIn(db, email, attacker, new Date(t0.getTime() + 100))).toMatchObject({ allowed: false, reason: 'pair' });
  expect(await checkSignIn(db, email, attacker, new Date(t0.getTime() + 1000))).toEqual({ allowed: true });
  // Eight failures: the next try waits 2^(8-3) = 32 s after the last one.
  for (let i = 0; i < 5; i++) await recordSignInAttempt(db, email, attacker, false, t0);
  expect(await checkSignIn(db, email, attacker, new Date(t0.getTime() + 1000))).toMatchObject({ allowed: false, reason: 'pair', retryAfterMs: 31_000 });
  // The owner, from elsewhere, signs in at once.
  expect(await checkSignIn(db, email, randomAddress(), t0)).toEqual({ allowed: true });
});

test('a success from an address resets the delay there', async () => {
  const email = `${randomUUID()}@example.test`;
  const address = randomAddress();
  const t0 = new Date(Date.now() - 60_000);
  for (let i = 0; i < FREE_FAILURES_PER_PAIR + 3; i++) await recordSignInAttempt(db, email, address, false, t0);
  expect(await checkSignIn(db, email, address, new Date(t0.getTime() + 1000))).toMatchObject({ allowed: false });
  await recordSignInAttempt(db, email, address, true, new Date(t0.getTime() + 2000));
  expect(await checkSignIn(db, email, address, new Date(t0.getTime() + 2001))).toEqual({ allowed: true });
});

test('one address failing across many emails is slowed', async () => {
  const address = randomAddress();
  const t0 = new Date(Date.now() - 60_000);
  for (let i = 0; i < FREE_FAILURES_PER_ADDRESS + 2; i++) await recordSignInAttempt(db, `${randomUUID()}@example.test`, address, false, t0);
  expect(await checkSignIn(db, `${randomUUID()}@example.test`, address, new Date(t0.getTime() + 1000))).toMatchObject({ allowed: false, reason: 'address', retryAfterMs: 3000 });
  expect(await checkSignIn(db, `${randomUUID()}@example.test`, randomAddress(), t0)).toEqual({ allowed: true });
});

test('the per-email ceiling trips only far above five, spares known addresses, and slides', async () => {
  const email = `${randomUUID()}@example.test`;
  const home = randomAddress();
  const t0 = new Date(Date.now() - 120_000);
  await recordSignInAttempt(db, email, home, true, new Date(t0.getTime() - 86_400_000));
  // Distributed: each failure from another address, so no single address is slowed.
  await db.transaction(async (tx) => {
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await recordSignInAttempt(tx, email, randomAddress(), false, t0);
  });
  expect(await checkSignIn(db, email, randomAddress(), t0)).toMatchObject({ allowed: false, reason: 'email' });
  expect(await checkSignIn(db, email, home, t0)).toEqual({ allowed: true });
  expect(await checkSignIn(db, email, randomAddress(), new Date(t0.getTime() + THROTTLE_WINDOW_MS + 1000))).toEqual({ allowed: true });
});

test('successful sign-ins do not count', async () => {
  const email = `${randomUUID()}@example.test`;
  for (let i = 0; i < 10; i++) await recordSignInAttempt(db, email, '203.0.113.7', true);
  expect(await checkSignIn(db, email, '203.0.113.99')).toEqual({ allowed: true });
  expect(await checkSignIn(db, email, '203.0.113.7')).toEqual({ allowed: true });
});

test('request slots: the limit per address holds and other addresses are unaffected', async () => {
  const kind = `test-${randomUUID()}`;
  const address = randomAddress();
  const results = [];
  for (let i = 0; i < 4; i++) results.push(await takeRequestSlot(db, { kind, address, limit: 3, windowMs: 60_000, by: 'address' }));
  expect(results).toEqual([true, true, true, false]);
  expect(await takeRequestSlot(db, { kind, address: randomAddress(), limit: 3, windowMs: 60_000, by: 'address' })).toBe(true);
});
