import { z } from 'zod';

export const applicationNameSchema = z
  .string({ error: 'Name is required.' })
  .trim()
  .min(2, 'Name must be at least 2 characters, like "Classroom Live".')
  .max(60, 'Name must be at most 60 characters.')
  .regex(/^[^<>\u0000-\u001f]+$/, 'Name must not contain control characters or < >.');

const applicationId = z.uuid({ error: 'Application must be one of your applications.' });

export const createApplicationSchema = z.object({ name: applicationNameSchema });
export type CreateApplicationInput = z.infer<typeof createApplicationSchema>;

export const renameApplicationSchema = z.object({ applicationId, name: applicationNameSchema });
export type RenameApplicationInput = z.infer<typeof renameApplicationSchema>;

export const setApplicationEnabledSchema = z.object({
  applicationId,
  enabled: z.enum(['true', 'false'], { error: 'Enabled must be true or false.' }).transform((v) => v === 'true'),
});
export type SetApplicationEnabledInput = z.infer<typeof setApplicationEnabledSchema>;

export const deleteApplicationSchema = z.object({
  applicationId,
  confirmName: z.string({ error: 'Type the application name to confirm.' }).trim().min(1, 'Type the application name to confirm.'),
});
export type DeleteApplicationInput = z.infer<typeof deleteApplicationSchema>;

/** Rotate the secret key; the old one keeps signing for 24 hours unless it leaked (lifecycle.md, Applications). */
export const rotateSecretKeySchema = z.object({
  applicationId,
  oldKey: z.enum(['grace', 'stop'], { error: 'Choose what happens to the old key: keep it for 24 hours, or stop it now.' }),
});
export type RotateSecretKeyInput = z.infer<typeof rotateSecretKeySchema>;

/** An account usage key's name (issue 11: account-level signer of the usage API). */
export const usageKeyNameSchema = z
  .string({ error: 'Give the key a name.' })
  .trim()
  .min(2, 'Give the key a name of 2 to 60 characters.')
  .max(60, 'Give the key a name of 2 to 60 characters.')
  .regex(/^[^<>\u0000-\u001f]+$/, 'Name must not contain control characters or < >.');

export const createUsageKeySchema = z.object({ name: usageKeyNameSchema });
export type CreateUsageKeyInput = z.infer<typeof createUsageKeySchema>;

/** Usage key ids: `uk_` and random base64url (lib/applications/usage-keys.ts); public, sent in X-Usage-Key-Id. */
export const USAGE_KEY_ID_PATTERN = /^uk_[A-Za-z0-9_-]{8,64}$/;

export const revokeUsageKeySchema = z.object({ keyId: z.string({ error: 'Usage key not found.' }).trim().regex(USAGE_KEY_ID_PATTERN, 'Usage key not found.') });
export type RevokeUsageKeyInput = z.infer<typeof revokeUsageKeySchema>;
