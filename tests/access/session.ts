import { testDb } from '@/tests/db';
import { createSession } from '@/lib/auth/sessions';

/**
 * The signed-in user of the access spec: `auth()` of lib/auth is replaced by this
 * (vi.mock in the spec), so actions and route handlers run their own guards unchanged.
 * Each user gets one open server-side session (the guard checks it, issue 13 item 5).
 */
let current: string | null = null;
const sessions = new Map<string, string>();

export function actAs(userId: string | null): void {
  current = userId;
}

export async function mockedAuth() {
  if (!current) return null;
  let sessionId = sessions.get(current);
  if (!sessionId) {
    sessionId = await createSession(testDb().db, { userId: current, address: '127.0.0.1', userAgent: 'access spec' });
    sessions.set(current, sessionId);
  }
  return { user: { id: current }, sessionId, expires: new Date(Date.now() + 3_600_000).toISOString() };
}
