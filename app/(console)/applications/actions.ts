'use server';

import { redirect } from 'next/navigation';
import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { createApplicationSchema, createUsageKeySchema, deleteApplicationSchema, renameApplicationSchema, revokeUsageKeySchema, rotateSecretKeySchema, setApplicationEnabledSchema } from '@/lib/applications/schemas';
import { createApplication, deleteApplication, renameApplication, rotateSecretKey, setApplicationEnabled } from '@/lib/applications/service';
import { createUsageKey, revokeUsageKey } from '@/lib/applications/usage-keys';

export const createApplicationAction = defineAction({
  schema: createApplicationSchema,
  permission: 'customer',
  run: async ({ input, user }) => {
    const { application, secretKey } = await createApplication(db, { accountId: user.accountId, name: input.name });
    // The key leaves the server once, in this result; only its hash is stored.
    return { sdkAppId: application.sdkAppId, name: application.name, secretKey };
  },
  revalidate: ['/applications', '/overview', '/packages'],
  successMessage: (d) => `Created ${d.name} with SDKAppID ${d.sdkAppId}.`,
});

export const renameApplicationAction = defineAction({
  schema: renameApplicationSchema,
  permission: 'customer',
  run: async ({ input, user }) => {
    const app = await renameApplication(db, { accountId: user.accountId, applicationId: input.applicationId, name: input.name });
    return { sdkAppId: app.sdkAppId, name: app.name };
  },
  revalidate: (d) => ['/applications', `/applications/${d.sdkAppId}`, '/overview', '/packages'],
  successMessage: (d) => `Renamed to ${d.name}.`,
});

export const setApplicationEnabledAction = defineAction({
  schema: setApplicationEnabledSchema,
  permission: 'customer',
  run: async ({ input, user }) => {
    const { application, changed } = await setApplicationEnabled(db, { accountId: user.accountId, applicationId: input.applicationId, enabled: input.enabled });
    return { sdkAppId: application.sdkAppId, enabled: application.enabled, changed };
  },
  revalidate: (d) => ['/applications', `/applications/${d.sdkAppId}`, '/overview'],
  successMessage: (d) => (d.enabled ? 'Enabled: the application can be used again.' : 'Disabled: the usage API refuses its records until you enable it again.'),
});

export const deleteApplicationAction = defineAction({
  schema: deleteApplicationSchema,
  permission: 'customer',
  run: async ({ input, user }) => {
    const { sdkAppId } = await deleteApplication(db, { accountId: user.accountId, applicationId: input.applicationId, confirmName: input.confirmName });
    redirect(`/applications?deleted=${sdkAppId}`);
  },
});

export const rotateSecretKeyAction = defineAction({
  schema: rotateSecretKeySchema,
  permission: 'customer',
  run: async ({ input, user }) => {
    const r = await rotateSecretKey(db, { accountId: user.accountId, userId: user.id, applicationId: input.applicationId, leaked: input.oldKey === 'stop' });
    // The new key leaves the server once, in this result; only its hash is stored.
    return { sdkAppId: r.application.sdkAppId, secretKey: r.secretKey, previousHint: r.previousHint, previousValidUntil: r.previousValidUntil?.toISOString() ?? null };
  },
  revalidate: (d) => [`/applications/${d.sdkAppId}`, '/applications'],
  successMessage: 'Secret key rotated.',
});

/** An account usage key (issue 11; docs/usage-api.md): signs batches spanning the account's applications. */
export const createUsageKeyAction = defineAction({
  schema: createUsageKeySchema,
  permission: 'customer',
  run: async ({ input, user }) => {
    const { key, secretKey } = await createUsageKey(db, { accountId: user.accountId, userId: user.id }, { name: input.name });
    // The secret leaves the server once, in this result; only its hash is stored.
    return { keyId: key.id, name: key.name, secretKey };
  },
  revalidate: ['/applications'],
  successMessage: (d) => `Created usage key ${d.name}.`,
});

export const revokeUsageKeyAction = defineAction({
  schema: revokeUsageKeySchema,
  permission: 'customer',
  run: async ({ input, user }) => {
    const { key, changed } = await revokeUsageKey(db, { accountId: user.accountId, userId: user.id }, input.keyId);
    return { keyId: key.id, name: key.name, changed };
  },
  revalidate: ['/applications'],
  successMessage: (d) => `Revoked usage key ${d.name}: it signs nothing from now on.`,
});
