import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { users } from '@/db/schema';
import { Decimal } from '@/lib/money/decimal';
import { purchasePackage } from '@/lib/packages/service';
import { createTestAccount, createTestApplication } from '@/tests/factories';
import { testDb } from '@/tests/db';
import { DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR, registerCustomer } from './sign-up';
import { topUp } from './service';

const { db } = testDb();
const address = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const input = (email: string) => ({ name: 'New Studio', email, password: 'violet-tractor-91-oolong', currency: 'USD' as const, registeredAt: new Date() });

describe('sign-up (issue 13 item 7)', () => {
  test('a taken address answers exactly like a new one and creates nothing', async () => {
    const { email } = await createTestAccount(db);
    const fresh = `new-${randomUUID()}@example.test`;
    const a = await registerCustomer(db, { ...input(fresh), address: address() });
    const b = await registerCustomer(db, { ...input(email), address: address() });
    // What the action shows is the same page for both; only the internal outcome differs.
    expect(a).toEqual({ outcome: 'created' });
    expect(b).toEqual({ outcome: 'existing' });
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
    const [created] = await db.select().from(users).where(eq(users.email, fresh));
    expect(created!.emailVerifiedAt).toBeNull();
  });

  test('weak passwords are refused naming the field', async () => {
    const email = `weak-${randomUUID()}@example.test`;
    for (const password of [' '.repeat(12), '123456789012', email, 'password1234']) {
      await expect(registerCustomer(db, { ...input(email), password, address: address() })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { password: [expect.any(String)] } });
    }
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  test('sign-ups are limited per client address', async () => {
    const client = address();
    for (let i = 0; i < DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR; i++) await registerCustomer(db, { ...input(`rl-${randomUUID()}@example.test`), address: client });
    const blocked = `rl-${randomUUID()}@example.test`;
    await expect(registerCustomer(db, { ...input(blocked), address: client })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await db.select().from(users).where(eq(users.email, blocked))).toHaveLength(0);
    await registerCustomer(db, { ...input(`rl-${randomUUID()}@example.test`), address: address() });
  });

  test('an unverified customer cannot buy a package; confirmed, they can', async () => {
    const email = `buy-${randomUUID()}@example.test`;
    await registerCustomer(db, { ...input(email), address: address() });
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const accountId = user!.accountId!;
    await topUp(db, { accountId, userId: user!.id, amount: new Decimal(500), cardNumber: '4242424242424242', idempotencyKey: randomUUID() });
    const app = await createTestApplication(db, accountId, { createdAt: new Date() });
    const buy = () => purchasePackage(db, { accountId, userId: user!.id, applicationId: app!.id, catalogCode: 'rtc-engine.lite', autoRenew: false, idempotencyKey: randomUUID() });
    await expect(buy()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/Confirm your email address/) });
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user!.id));
    await expect(buy()).resolves.toMatchObject({ created: true });
  });
});
