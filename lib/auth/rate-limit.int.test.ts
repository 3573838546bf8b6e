import { randomUUID } from 'node:crypto';
import { expect, test } from 'vitest';
import { testDb } from '@/tests/db';
import { isSignInRateLimited, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL, recordSignInAttempt, SIGN_IN_WINDOW_MS } from './rate-limit';

const { db } = testDb();

test('five failures for one email block it, but not other emails', async () => {
  const email = `${randomUUID()}@example.test`;
  const address = `10.0.${Math.floor(Math.random() * 200)}.1`;
  for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await recordSignInAttempt(db, email, address, false);
  expect(await isSignInRateLimited(db, email, address)).toBe(false);
  await recordSignInAttempt(db, email, address, false);
  expect(await isSignInRateLimited(db, email, address)).toBe(true);
  expect(await isSignInRateLimited(db, `other-${email}`, `${address}9`)).toBe(false);
  // The window slides: after 15 minutes the email may try again.
  expect(await isSignInRateLimited(db, email, address, new Date(Date.now() + SIGN_IN_WINDOW_MS + 1000))).toBe(false);
});

test('one address failing across many emails is blocked', async () => {
  const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
  for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) await recordSignInAttempt(db, `${randomUUID()}@example.test`, address, false);
  expect(await isSignInRateLimited(db, `${randomUUID()}@example.test`, address)).toBe(true);
});

test('successful sign-ins do not count', async () => {
  const email = `${randomUUID()}@example.test`;
  for (let i = 0; i < 10; i++) await recordSignInAttempt(db, email, '203.0.113.7', true);
  expect(await isSignInRateLimited(db, email, '203.0.113.99')).toBe(false);
});
