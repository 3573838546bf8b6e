import { db } from '@/db';
import { rawSqlOf } from '@/db/raw';
import { usageApiResponse } from '@/lib/usage/api';

/**
 * The usage API (docs/usage-api.md): signed batches of usage records in rating.md
 * section 1 shape, as a JSON array or JSON Lines. Authenticated by the application's
 * secret key (HMAC), not by a session. `usageApiResponse` is the route (lib/http/route.ts).
 */
export async function POST(request: Request): Promise<Response> {
  return usageApiResponse(rawSqlOf(db), request);
}
