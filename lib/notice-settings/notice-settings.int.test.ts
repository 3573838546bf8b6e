import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { billingContacts, noticeEmailOptOuts } from '@/db/schema';
import { testDb } from '@/tests/db';
import { createTestAccount } from '@/tests/factories';
import { addBillingContact, removeBillingContact, setEmailKinds } from './service';

const { db } = testDb();
const actorOf = (a: { accountId: string; userId: string }) => ({ accountId: a.accountId, userId: a.userId, role: 'customer' as const });

describe('billing contacts and email kinds', () => {
  it('keep at most five contacts under concurrent adds, refuse a duplicate, and only the owner account removes one', async () => {
    const a = await createTestAccount(db);
    const other = await createTestAccount(db);
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6, 7].map((i) => addBillingContact(db, actorOf(a), `Contact${i}@Example.test`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const rows = await db.select().from(billingContacts).where(eq(billingContacts.accountId, a.accountId));
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.email === r.email.toLowerCase())).toBe(true);
    await removeBillingContact(db, actorOf(a), rows[0]!.id);
    await expect(addBillingContact(db, actorOf(a), rows[1]!.email.toUpperCase())).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { email: [expect.stringMatching(/already a contact/)] } });
    await expect(removeBillingContact(db, actorOf(other), rows[1]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.select().from(billingContacts).where(eq(billingContacts.accountId, a.accountId))).toHaveLength(4);
  });

  it('store the kinds switched off, never an account-status kind, and refuse unknown kinds', async () => {
    const a = await createTestAccount(db);
    const { off } = await setEmailKinds(db, actorOf(a), ['balance.below_threshold']);
    expect(off).toContain('bill.monthly');
    expect(off).not.toContain('balance.below_threshold');
    expect(off.some((k) => k.startsWith('account.'))).toBe(false);
    const stored = await db.select().from(noticeEmailOptOuts).where(eq(noticeEmailOptOuts.accountId, a.accountId));
    expect(stored.map((s) => s.kind).sort()).toEqual([...off].sort());
    await expect(setEmailKinds(db, actorOf(a), ['nope.kind'])).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
