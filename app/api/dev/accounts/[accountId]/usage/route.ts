import { db } from '@/db';
import { canUseAccount, devRoute, readJson } from '@/lib/dev-tools/api';
import { generateSyntheticUsage } from '@/lib/dev-tools/usage';
import { generateUsageSchema } from '@/lib/dev-tools/schemas';

/** Synthetic usage at the account's clock time: `{ "sdkAppId", "sessions"?: 5, "spanMinutes"?: 60 }`. */
export async function POST(request: Request, { params }: { params: Promise<{ accountId: string }> }) {
  return devRoute(request, async (user) => {
    const { accountId } = await params;
    canUseAccount(user, accountId);
    const body = await readJson(request, generateUsageSchema);
    return generateSyntheticUsage(db, { accountId, ...body });
  }, 201);
}
