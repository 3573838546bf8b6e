import type { AccountStatus, SuspensionReason } from '@/db/schema/accounts';
import { usageRefusalOf } from '@/lib/enforcement/rules';
import { AppError } from '@/lib/errors';

/**
 * Which applications of an account may take records in a batch that spans several (the file
 * import; a batch signed by an account usage key, docs/usage-api.md): a record naming an
 * SDKAppID that is not the account's, or one the refusal rule of lib/enforcement stops
 * (disabled, a Free-edition application out of free minutes: `usageRefusalOf` through
 * refusalFor), is a record error on its field `app` (422), never a 403 for the whole batch.
 * The account's own state (suspended, reclaimed) is checked before, as a 403.
 */
export type AppStateRow = { sdk_app_id: string | number; enabled: boolean; free_exhausted_at: string | Date | null };

export function accountAppRefusal(
  account: { status: AccountStatus; suspension_reason: SuspensionReason | null },
  apps: readonly AppStateRow[],
): (app: number) => string | null {
  const byId = new Map(apps.map((a) => [Number(a.sdk_app_id), a]));
  return (app: number): string | null => {
    const a = byId.get(app);
    if (!a) return `${app} is not an SDKAppID of this account`;
    const state = { enabled: a.enabled, free_exhausted_at: a.free_exhausted_at === null ? null : new Date(a.free_exhausted_at), status: account.status, suspension_reason: account.suspension_reason };
    return refusalFor(state, app)?.message ?? null;
  };
}

/** The 403 answer to the refusal rule of lib/enforcement (usageRefusalOf), or null when the application may send usage. */
export function refusalFor(app: { enabled: boolean; free_exhausted_at: Date | null; status: AccountStatus; suspension_reason: SuspensionReason | null }, sdkAppId: number): AppError | null {
  const refusal = usageRefusalOf({ status: app.status, suspensionReason: app.suspension_reason, enabled: app.enabled, freeExhaustedAt: app.free_exhausted_at });
  switch (refusal) {
    case null:
      return null;
    case 'reclaimed':
      return new AppError('ACCOUNT_SUSPENDED', 'The account was reclaimed after more than 60 days suspended for arrears; its applications no longer exist.');
    case 'suspended-violation':
      return new AppError('ACCOUNT_SUSPENDED', 'The account is suspended for a violation of the terms of service; contact support. Usage is refused.');
    case 'suspended-arrears':
      return new AppError('ACCOUNT_SUSPENDED', 'The account is suspended for arrears: top up the balance to zero or above to resume service. Usage is refused while suspended.');
    case 'application-disabled':
      return new AppError('APPLICATION_DISABLED', `Application ${sdkAppId} is disabled; enable it in the console to resume sending usage.`);
    case 'free-minutes-exhausted':
      return new AppError(
        'FREE_MINUTES_EXHAUSTED',
        `Application ${sdkAppId} is on the Free edition and used up this month's free minutes; buy a package for it, or wait for next month's free minutes, to resume.`,
      );
    default: {
      const never: never = refusal;
      throw new Error(`unknown usage refusal ${String(never)}`);
    }
  }
}
