import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { billingContacts, noticeEmailOptOuts } from '@/db/schema';
import { writeAudit } from '@/lib/audit/service';
import { accountNow } from '@/lib/clock';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { EMAIL_KINDS } from './kinds';
import { isAccountStatusKind, MAX_BILLING_CONTACTS, normalizeEmail } from './rules';

type Actor = { accountId: string; userId: string | null; role: 'customer' | 'admin' };

/** Add a billing contact (at most five; the account row lock keeps the limit under concurrent adds). */
export async function addBillingContact(db: Database, actor: Actor, rawEmail: string) {
  const email = normalizeEmail(rawEmail);
  const now = await accountNow(db, actor.accountId);
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from accounts where id = ${actor.accountId} for update`);
      const [row] = await tx.select({ n: count() }).from(billingContacts).where(eq(billingContacts.accountId, actor.accountId));
      if ((row?.n ?? 0) >= MAX_BILLING_CONTACTS) {
        const msg = `At most ${MAX_BILLING_CONTACTS} billing contacts; remove one first.`;
        throw new AppError('VALIDATION', `email: ${msg}`, { fieldErrors: { email: [msg] } });
      }
      const [created] = await tx.insert(billingContacts).values({ accountId: actor.accountId, email }).returning();
      await writeAudit(tx, { accountId: actor.accountId, actorUserId: actor.userId, actorRole: actor.role, action: 'contact.added', targetType: 'billing_contact', targetId: String(created!.id), details: { email }, at: now });
      return created!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('VALIDATION', `email: ${email} is already a contact.`, { fieldErrors: { email: [`${email} is already a contact.`] } });
    throw err;
  }
}

export async function removeBillingContact(db: Database, actor: Actor, contactId: number) {
  const now = await accountNow(db, actor.accountId);
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(billingContacts).where(and(eq(billingContacts.id, contactId), eq(billingContacts.accountId, actor.accountId))).returning();
    if (!gone) throw new AppError('NOT_FOUND', 'Contact not found.');
    await writeAudit(tx, { accountId: actor.accountId, actorUserId: actor.userId, actorRole: actor.role, action: 'contact.removed', targetType: 'billing_contact', targetId: String(contactId), details: { email: gone.email }, at: now });
  });
}

/** Keep exactly the given kinds on for email; the rest are opted out. Account-status kinds are never stored as opted out. */
export async function setEmailKinds(db: Database, actor: Actor, keepOn: string[]) {
  const unknown = keepOn.filter((k) => !EMAIL_KINDS.includes(k));
  if (unknown.length) throw new AppError('VALIDATION', `kinds: unknown notice kind ${unknown[0]}.`, { fieldErrors: { kinds: [`Unknown notice kind ${unknown[0]}.`] } });
  const off = EMAIL_KINDS.filter((k) => !isAccountStatusKind(k) && !keepOn.includes(k));
  const now = await accountNow(db, actor.accountId);
  await db.transaction(async (tx) => {
    await tx.delete(noticeEmailOptOuts).where(eq(noticeEmailOptOuts.accountId, actor.accountId));
    if (off.length) await tx.insert(noticeEmailOptOuts).values(off.map((kind) => ({ accountId: actor.accountId, kind })));
    await writeAudit(tx, { accountId: actor.accountId, actorUserId: actor.userId, actorRole: actor.role, action: 'notice_email.kinds_set', targetType: 'account', targetId: actor.accountId, details: { off }, at: now });
  });
  return { off };
}

export async function getNoticeSettings(db: Database, accountId: string) {
  const [contacts, optOuts] = await Promise.all([
    db.select().from(billingContacts).where(eq(billingContacts.accountId, accountId)).orderBy(asc(billingContacts.id)),
    db.select({ kind: noticeEmailOptOuts.kind }).from(noticeEmailOptOuts).where(eq(noticeEmailOptOuts.accountId, accountId)),
  ]);
  return { contacts, optedOut: new Set(optOuts.map((o) => o.kind)) };
}
