import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { applications } from '@/db/schema';
import type { PackageRow } from '@/db/queries/packages';
import { packageDisplayName } from '@/lib/packages/catalog';

/** How a package notice names its package and application ("Lite for Demo (SDKAppID 1400…)"). */
export async function packageRef(db: DbOrTx, pkg: Pick<PackageRow, 'id' | 'accountId' | 'applicationId' | 'sdkAppId' | 'catalogCode' | 'minutes'>) {
  const [app] = await db
    .select({ name: applications.name, sdkAppId: applications.sdkAppId })
    .from(applications)
    .where(and(eq(applications.id, pkg.applicationId), eq(applications.accountId, pkg.accountId)))
    .limit(1);
  return {
    packageId: pkg.id,
    packageName: packageDisplayName(pkg),
    appLabel: app ? `${app.name} (SDKAppID ${app.sdkAppId})` : `SDKAppID ${pkg.sdkAppId}`,
  };
}
