import 'server-only';
import { cache } from 'react';
import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { db } from '@/db';
import { accounts, users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isBillingOnly } from '@/lib/enforcement/rules';
import { auth } from './index';
import { clientAddressFrom } from './client-address';
import { findOpenSession, LAST_SEEN_RESOLUTION_MS, touchSession } from './sessions';

export type Permission = 'customer' | 'admin' | 'signed-in';
export type AccountSummary = Pick<
  typeof accounts.$inferSelect,
  'id' | 'name' | 'currency' | 'locale' | 'priceBookId' | 'status' | 'suspensionReason' | 'overdueSince' | 'suspendedAt' | 'reclaimedAt' | 'registeredAt'
>;
export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: 'customer' | 'admin';
  accountId: string | null;
  account: AccountSummary | null;
  /** The server-side session of this request (lib/auth/sessions.ts). */
  sessionId: string;
  /** The owner confirmed the address (issue 13 item 7); unverified accounts cannot buy packages. */
  emailVerified: boolean;
};
export type CustomerUser = CurrentUser & { role: 'customer'; accountId: string; account: AccountSummary };

/**
 * The signed-in user, with role and account read from the database on every request
 * (the token's role is not trusted: a demoted admin loses access at once), and only while
 * the token's server-side session is open: a token kept after sign-out, a password change
 * or a suspension for violation is refused (issue 13 item 5). An unreachable database
 * surfaces as ServiceUnavailableError from the pool itself (db/availability.ts).
 */
export const getCurrentUser = cache(loadCurrentUser);

async function loadCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!id || !sessionId) return null;
  const open = await findOpenSession(db, sessionId, id);
  if (!open) return null;
  // headers() only when last-seen is due: one write a minute per session, not one a request.
  if (Date.now() - open.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) await touchSession(db, open, { address: clientAddressFrom(await headers()) });
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      accountId: users.accountId,
      account: {
        id: accounts.id,
        name: accounts.name,
        currency: accounts.currency,
        locale: accounts.locale,
        priceBookId: accounts.priceBookId,
        status: accounts.status,
        suspensionReason: accounts.suspensionReason,
        overdueSince: accounts.overdueSince,
        suspendedAt: accounts.suspendedAt,
        reclaimedAt: accounts.reclaimedAt,
        registeredAt: accounts.registeredAt,
      },
    })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(users.id, id))
    .limit(1);
  if (!row) return null;
  const { emailVerifiedAt, ...rest } = row;
  return { ...rest, account: row.account?.id ? row.account : null, sessionId, emailVerified: emailVerifiedAt !== null };
}

function permits(user: CurrentUser, permission: Permission): boolean {
  switch (permission) {
    case 'signed-in':
      return true;
    case 'admin':
      return user.role === 'admin';
    case 'customer':
      return user.role === 'customer' && !!user.accountId && !!user.account;
    default: {
      const never: never = permission;
      throw new Error(`unknown permission ${String(never)}`);
    }
  }
}

/** For server actions and route handlers: throws AppError (401/403). */
export async function requireUser(permission: 'customer'): Promise<CustomerUser>;
export async function requireUser(permission: Permission): Promise<CurrentUser>;
export async function requireUser(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!permits(user, permission)) throw new AppError('FORBIDDEN');
  return user;
}

/**
 * For pages: no session → sign-in; wrong role → the 403 page (app/forbidden.tsx).
 * `area: 'service'` pages (applications, packages, usage) are closed while the account
 * is suspended or reclaimed: the console is limited to billing (lifecycle.md, Account).
 */
export async function requirePageUser(permission: 'customer', options?: { area?: 'billing' | 'service' }): Promise<CustomerUser>;
export async function requirePageUser(permission: Permission, options?: { area?: 'billing' | 'service' }): Promise<CurrentUser>;
export async function requirePageUser(permission: Permission, options: { area?: 'billing' | 'service' } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  if (!permits(user, permission)) forbidden();
  if (options.area === 'service' && user.account && isBillingOnly(user.account.status)) redirect('/overview?limited=1');
  return user;
}

/** Admins may act on any account; a customer only on their own. Others get NOT_FOUND, as missing rows do. */
export function assertAccountAccess(user: CurrentUser, accountId: string): void {
  if (user.role === 'admin') return;
  if (user.accountId !== accountId) throw new AppError('NOT_FOUND');
}
