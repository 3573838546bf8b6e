import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { applications, usageRecords } from '@/db/schema';
import { hashSecretKey } from './secret-key';
import { testDb } from '@/tests/db';
import { buyTestPackage, createTestAccount, setTestClock } from '@/tests/factories';
import { createApplication, deleteApplication, renameApplication, setApplicationEnabled } from './service';

describe('applications', () => {
  const { db } = testDb();

  test('SDKAppIDs are 1400000000 + n and unique; the secret key is stored only as its hash', async () => {
    const { accountId } = await createTestAccount(db);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => createApplication(db, { accountId, name: `App ${i}` })));
    const ids = results.map((r) => r.application.sdkAppId);
    expect(new Set(ids).size).toBe(8);
    for (const id of ids) expect(id).toBeGreaterThan(1_400_000_000);
    const { application, secretKey } = results[0]!;
    expect(application.secretKeyHash).toBe(hashSecretKey(secretKey));
    expect(application.secretKeyHash).not.toContain(secretKey);
    expect(application).toMatchObject({ edition: 'free', enabled: true });
  });

  test('names are unique per account (case-insensitive); rename, disable and enable', async () => {
    const { accountId } = await createTestAccount(db);
    const { application } = await createApplication(db, { accountId, name: 'Classroom' });
    const dup = await createApplication(db, { accountId, name: 'classroom' }).catch((e) => e);
    expect(dup.fieldErrors.name[0]).toBe('An application named "classroom" already exists; choose another name.');
    expect((await renameApplication(db, { accountId, applicationId: application.id, name: 'Lecture hall' })).name).toBe('Lecture hall');
    expect((await setApplicationEnabled(db, { accountId, applicationId: application.id, enabled: false })).changed).toBe(true);
    expect((await setApplicationEnabled(db, { accountId, applicationId: application.id, enabled: false })).changed).toBe(false);
    expect((await setApplicationEnabled(db, { accountId, applicationId: application.id, enabled: true })).application.enabled).toBe(true);
    const other = await createTestAccount(db);
    const err = await renameApplication(db, { accountId: other.accountId, applicationId: application.id, name: 'Mine now' }).catch((e) => e);
    expect(err.code).toBe('NOT_FOUND');
    const err2 = await setApplicationEnabled(db, { accountId: other.accountId, applicationId: application.id, enabled: false }).catch((e) => e);
    expect(err2.code).toBe('NOT_FOUND');
  });

  test('delete only when nothing is billed or running', async () => {
    const { accountId } = await createTestAccount(db, { balance: '100' });
    await setTestClock(db, accountId, new Date('2024-10-08T10:00:00+08:00'));
    const empty = (await createApplication(db, { accountId, name: 'Empty' })).application;
    const wrong = await deleteApplication(db, { accountId, applicationId: empty.id, confirmName: 'empty' }).catch((e) => e);
    expect(wrong.fieldErrors.confirmName[0]).toContain('Type the application name exactly');
    expect(await deleteApplication(db, { accountId, applicationId: empty.id, confirmName: 'Empty' })).toEqual({ sdkAppId: empty.sdkAppId });
    expect(await db.select().from(applications).where(eq(applications.id, empty.id))).toHaveLength(0);

    const paid = (await createApplication(db, { accountId, name: 'Paid' })).application;
    await buyTestPackage(db, accountId, paid.id);
    const err = await deleteApplication(db, { accountId, applicationId: paid.id, confirmName: 'Paid' }).catch((e) => e);
    expect(err.message).toBe(`SDKAppID ${paid.sdkAppId} cannot be deleted: it has 1 active or queued package. Disable it instead to stop it.`);

    const used = (await createApplication(db, { accountId, name: 'Used' })).application;
    await db.insert(usageRecords).values({ accountId, sdkAppId: used.sdkAppId, type: 'media', start: new Date(), localDay: '2024-10-08', seconds: 60, record: {}, receivedAt: new Date() });
    const err2 = await deleteApplication(db, { accountId, applicationId: used.id, confirmName: 'Used' }).catch((e) => e);
    expect(err2.message).toContain('it has usage records');

    const other = await createTestAccount(db);
    const err3 = await deleteApplication(db, { accountId: other.accountId, applicationId: used.id, confirmName: 'Used' }).catch((e) => e);
    expect(err3.code).toBe('NOT_FOUND');
    const err4 = await deleteApplication(db, { accountId, applicationId: randomUUID(), confirmName: 'x' }).catch((e) => e);
    expect(err4.message).toBe(err3.message);
  });
});
