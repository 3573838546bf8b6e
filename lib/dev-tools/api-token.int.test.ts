import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { testClocks } from '@/db/schema';
import { testDb } from '@/tests/db';
import { createTestAccount, setTestClock } from '@/tests/factories';
import { POST as advance } from '@/app/api/dev/clocks/[accountId]/advance/route';

/** lib/dev-tools/README.md: scripts use `Authorization: Bearer $DEV_API_TOKEN` instead of a browser session and Origin. */
const { db } = testDb();
const previous = process.env.DEV_API_TOKEN;
process.env.DEV_API_TOKEN = 'dev-token-for-tests-0123456789';
afterAll(() => {
  process.env.DEV_API_TOKEN = previous;
});

const post = (accountId: string, headers: Record<string, string>) =>
  advance(new Request(`http://console.test/api/dev/clocks/${accountId}/advance`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ by: { hours: 1 } }) }), {
    params: Promise.resolve({ accountId }),
  });

describe('developer API token', () => {
  test('the configured bearer token advances any account without a session; a wrong one is refused and moves nothing', async () => {
    const { accountId } = await createTestAccount(db);
    const start = new Date('2024-10-08T10:00:00+08:00');
    await setTestClock(db, accountId, start);
    const clock = async () => (await db.select().from(testClocks).where(eq(testClocks.accountId, accountId)))[0]!.now.getTime();
    expect((await post(accountId, { authorization: 'Bearer wrong-token' })).status).toBe(403);
    expect(await clock()).toBe(start.getTime());
    const ok = await post(accountId, { authorization: `Bearer ${process.env.DEV_API_TOKEN}` });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await clock()).toBe(start.getTime() + 3_600_000);
  });
});
