import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, usageKeys } from '@/db/schema';
import { listUsageKeys } from '@/db/queries/applications';
import { AppError } from '@/lib/errors';
import { testDb } from '@/tests/db';
import { createTestAccount } from '@/tests/factories';
import { hashSecretKey } from './secret-key';
import { createUsageKey, MAX_ACTIVE_USAGE_KEYS, revokeUsageKey } from './usage-keys';

const { db } = testDb();

describe('account usage keys (issue 11)', () => {
  test('created with a public id and a secret shown once: only its SHA-256 and hint are kept; audited', async () => {
    const { accountId, userId } = await createTestAccount(db);
    const { key, secretKey } = await createUsageKey(db, { accountId, userId }, { name: 'Pipeline' });
    expect(key.id).toMatch(/^uk_[A-Za-z0-9_-]{22}$/);
    expect(secretKey).toMatch(/^sk_/);
    expect(key).not.toHaveProperty('secretKeyHash');
    const [row] = await db.select().from(usageKeys).where(and(eq(usageKeys.accountId, accountId), eq(usageKeys.id, key.id)));
    expect(row?.secretKeyHash).toBe(hashSecretKey(secretKey));
    expect(row?.secretKeyHint).toBe(secretKey.slice(-4));
    expect(JSON.stringify(row)).not.toContain(secretKey);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.accountId, accountId), eq(auditLog.targetId, key.id)));
    expect(audit.map((a) => a.action)).toEqual(['usage_key.created']);
    expect((await listUsageKeys(db, accountId)).map((k) => [k.id, k.name, k.revokedAt])).toEqual([[key.id, 'Pipeline', null]]);
  });

  test(`at most ${MAX_ACTIVE_USAGE_KEYS} active keys; a revoked key frees a place`, async () => {
    const { accountId, userId } = await createTestAccount(db);
    const actor = { accountId, userId };
    const keys = [];
    for (let i = 0; i < MAX_ACTIVE_USAGE_KEYS; i++) keys.push((await createUsageKey(db, actor, { name: `Key ${i}` })).key);
    const refused = await createUsageKey(db, actor, { name: 'One too many' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fieldErrors?.name?.[0]).toBe('An account can have at most 5 active usage keys; revoke one you no longer use first.');
    await revokeUsageKey(db, actor, keys[0]!.id);
    await expect(createUsageKey(db, actor, { name: 'In its place' })).resolves.toMatchObject({ key: { name: 'In its place' } });
  });

  test('revoke: once (a repeat changes nothing), audited; another account’s key answers NOT_FOUND and stays active', async () => {
    const owner = await createTestAccount(db);
    const other = await createTestAccount(db);
    const { key } = await createUsageKey(db, owner, { name: 'Mine' });
    const stranger = await revokeUsageKey(db, other, key.id).catch((e: unknown) => e);
    expect((stranger as AppError).code).toBe('NOT_FOUND');
    const first = await revokeUsageKey(db, owner, key.id);
    expect(first.changed).toBe(true);
    expect(first.key.revokedAt).toBeInstanceOf(Date);
    expect((await revokeUsageKey(db, owner, key.id)).changed).toBe(false);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.accountId, owner.accountId), eq(auditLog.targetId, key.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(['usage_key.created', 'usage_key.revoked']);
  });
});
