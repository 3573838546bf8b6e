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
