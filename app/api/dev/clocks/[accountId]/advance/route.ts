import { db } from '@/db';
import { canUseAccount, devRoute, readJson } from '@/lib/dev-tools/api';
import { advanceTestClock } from '@/lib/dev-tools/advance';
import { advanceSchema, advanceTargetOf } from '@/lib/dev-tools/schemas';

// Advancing runs every job that came due before answering: give it time.
export const maxDuration = 300;

/**
 * Move the account's test clock forward and run what came due, in order, exactly once
 * (advance-and-drain). Body: `{ "by": { "days"?, "hours"?, "minutes"? } }`,
 * `{ "to": ISO 8601 }` or `{ "nextJob": true }`. Answers with what ran.
 */
export async function POST(request: Request, { params }: { params: Promise<{ accountId: string }> }) {
  return devRoute(request, async (user) => {
    const { accountId } = await params;
    canUseAccount(user, accountId);
    const body = await readJson(request, advanceSchema);
    return advanceTestClock(db, accountId, advanceTargetOf(body), { workerId: `dev-api:${user.id}` });
  });
}
