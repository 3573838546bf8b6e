import { db } from '@/db';
import { devCreateAccountSchema } from '@/lib/accounts/create-schemas';
import { createTestCustomer } from '@/lib/accounts/test-customer';
import { devRoute, readJson } from '@/lib/dev-tools/api';
import { AppError } from '@/lib/errors';

/**
 * Create a test customer (docs/dev-api.md): `{ "priceBookId", "registeredAt"?, "firstApplicationAt"?,
 * "balance"?, "testClock"?, ... }` → 201 with the ids, the application's secret key and the login.
 * Development and test only; an admin session, since it creates an account for someone else.
 */
export async function POST(request: Request) {
  return devRoute(request, async (user) => {
    if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an administrator can create test customers.');
    const body = await readJson(request, devCreateAccountSchema);
    return createTestCustomer(db, body);
  }, 201);
}
