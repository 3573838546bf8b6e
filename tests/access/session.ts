/**
 * The signed-in user of the access spec: `auth()` of lib/auth is replaced by this
 * (vi.mock in the spec), so actions and route handlers run their own guards unchanged.
 */
let current: string | null = null;

export function actAs(userId: string | null): void {
  current = userId;
}

export async function mockedAuth() {
  return current ? { user: { id: current }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
}
