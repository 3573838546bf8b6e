/** What is billed or running on an application (db/queries/applications applicationFootprint). */
export type ApplicationFootprint = { packages: number; openPackages: number; hasUsage: boolean; hasBillLines: boolean };

/**
 * Why an application cannot be deleted, or null when it can (issue 4: only when nothing is
 * billed or running on it). Packages ever bound to it, usage records and bill lines are
 * billing records, so it can only be disabled. The page shows the same sentence the
 * deletion would answer with.
 */
export function deletionRefusal(app: { sdkAppId: number }, f: ApplicationFootprint): string | null {
  const reasons: string[] = [];
  if (f.openPackages > 0) reasons.push(`it has ${f.openPackages} active or queued package${f.openPackages === 1 ? '' : 's'}`);
  else if (f.packages > 0) reasons.push('packages were bought for it (kept as billing records)');
  if (f.hasUsage) reasons.push('it has usage records');
  if (f.hasBillLines) reasons.push('it appears on bills');
  return reasons.length > 0 ? `SDKAppID ${app.sdkAppId} cannot be deleted: ${reasons.join(', ')}. Disable it instead to stop it.` : null;
}

/**
 * Key rotation (lifecycle.md, Applications: the old key keeps signing for 24 hours, or
 * stops at once if the customer says it leaked, *decision* as cloud API keys do).
 */
export const KEY_ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

export type SigningKeys = { secretKeyHash: string; previousSecretKeyHash: string | null; previousSecretKeyExpiresAt: Date | null };

/** When the old key stops after a rotation at `now`: 24 hours later, or at once (null) when it leaked. */
export function previousKeyExpiry(now: Date, leaked: boolean): Date | null {
  return leaked ? null : new Date(now.getTime() + KEY_ROTATION_GRACE_MS);
}

/** Whether the key before the last rotation still signs at `now` (the account's time). */
export function previousKeyValid(app: SigningKeys, now: Date): boolean {
  return !!app.previousSecretKeyHash && !!app.previousSecretKeyExpiresAt && now.getTime() < app.previousSecretKeyExpiresAt.getTime();
}

/** The key hashes that sign for an application at `now`: the current key, and the previous one within its grace window. */
export function signingKeyHashes(app: SigningKeys, now: Date): string[] {
  return previousKeyValid(app, now) ? [app.secretKeyHash, app.previousSecretKeyHash as string] : [app.secretKeyHash];
}

/**
 * Whether an application runs (lifecycle.md, Other suspensions): the account suspended stops
 * every application; a Free-edition application whose month's free minutes are used up is
 * suspended; one disabled by hand is disabled. Counted and shown alike everywhere (the
 * overview counted a suspended application as enabled, issue 14 item 8).
 */
export type ApplicationRunState = 'running' | 'disabled' | 'free_exhausted' | 'account_stopped';

export function applicationRunState(app: { enabled: boolean; edition: string; freeExhaustedAt: Date | null }, accountSuspended: boolean): ApplicationRunState {
  if (accountSuspended) return 'account_stopped';
  if (!app.enabled) return 'disabled';
  if (app.freeExhaustedAt && app.edition === 'free') return 'free_exhausted';
  return 'running';
}

/** "2 running, 1 suspended": the overview's count of applications by run state. */
export function describeRunStates(states: ApplicationRunState[]): string {
  const n = (s: ApplicationRunState) => states.filter((x) => x === s).length;
  const parts = [`${n('running')} running`];
  const suspended = n('free_exhausted') + n('account_stopped');
  if (suspended) parts.push(`${suspended} suspended`);
  if (n('disabled')) parts.push(`${n('disabled')} disabled`);
  return parts.join(', ');
}
