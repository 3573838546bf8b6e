'use server';

import { redirect } from 'next/navigation';
import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { createApplicationSchema, deleteApplicationSchema, renameApplicationSchema, rotateSecretKeySchema, setApplicationEnabledSchema } from '@/lib/applications/schemas';
import { createApplication, deleteApplication, renameApplication, rotateSecretKey, setApplicationEnabled } from '@/lib/applications/service';

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
