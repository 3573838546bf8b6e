'use server';

import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { contactIdSchema, contactSchema, emailKindsSchema } from '@/lib/notice-settings/schemas';
import { addBillingContact, removeBillingContact, setEmailKinds } from '@/lib/notice-settings/service';
import { createEndpointSchema, deliveryIdSchema, endpointIdSchema } from '@/lib/webhooks/schemas';
import { createWebhookEndpoint, deleteWebhookEndpoint, enableWebhookEndpoint, resendDelivery, sendWebhookTestEvent } from '@/lib/webhooks/service';
import type { DeliveryRun } from '@/lib/deliveries/drain';
import type { CustomerUser } from '@/lib/auth/guard';

/*
 * How the account is told (lifecycle.md, Notices; issue 10 items 4 and 5): billing contacts,
 * email kinds and webhook endpoints. Settings, not service: allowed while the account is
 * suspended, when being told matters most.
 */
const actor = (user: CustomerUser) => ({
  accountId: user.accountId,
  userId: user.id,
  role: 'customer' as const,
});
const NOTIFICATIONS = ['/settings/notifications'];
const WEBHOOKS = ['/settings/webhooks'];

export const addBillingContactAction = defineAction({
  schema: contactSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => ({
    email: (await addBillingContact(db, actor(user), input.email)).email,
  }),
  revalidate: NOTIFICATIONS,
  successMessage: (d) => `Notice emails now go to ${d.email} too.`,
});

export const removeBillingContactAction = defineAction({
  schema: contactIdSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => {
    await removeBillingContact(db, actor(user), input.contactId);
    return null;
  },
  revalidate: NOTIFICATIONS,
  successMessage: 'Contact removed.',
});

export const setEmailKindsAction = defineAction({
  schema: emailKindsSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => ({
    off: (await setEmailKinds(db, actor(user), input.kinds)).off.length,
  }),
  revalidate: NOTIFICATIONS,
  successMessage: (d) => (d.off === 0 ? 'Saved: every notice is emailed.' : `Saved: ${d.off} kind${d.off === 1 ? '' : 's'} switched off for email (still in the message center).`),
});

/** The secret is in the result once, for the form to show; it is never readable again. */
export const createWebhookEndpointAction = defineAction({
  schema: createEndpointSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => {
    const { endpoint, secret } = await createWebhookEndpoint(db, actor(user), input);
    return { endpointId: endpoint.id, url: endpoint.url, secret };
  },
  revalidate: WEBHOOKS,
});

export const deleteWebhookEndpointAction = defineAction({
  schema: endpointIdSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => {
    await deleteWebhookEndpoint(db, actor(user), input.endpointId);
    return null;
  },
  revalidate: WEBHOOKS,
  successMessage: 'Endpoint deleted; nothing more is sent to it.',
});

export const enableWebhookEndpointAction = defineAction({
  schema: endpointIdSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => ({
    endpointId: (await enableWebhookEndpoint(db, actor(user), input.endpointId)).id,
  }),
  revalidate: (d) => [...WEBHOOKS, `/settings/webhooks/${d.endpointId}`],
  successMessage: 'Endpoint enabled: new notices are sent to it again.',
});

const runMessage = (what: string) => (r: DeliveryRun) =>
  r.outcome === 'delivered'
    ? `${what} delivered: HTTP ${r.statusCode} in ${r.latencyMs} ms.`
    : `${what} failed: ${r.statusCode ? `HTTP ${r.statusCode}` : (r.error ?? 'no answer')} after ${r.latencyMs} ms.`;

export const sendWebhookTestAction = defineAction({
  schema: endpointIdSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => ({
    ...(await sendWebhookTestEvent(db, actor(user), input.endpointId)),
    endpointId: input.endpointId,
  }),
  revalidate: (d) => [...WEBHOOKS, `/settings/webhooks/${d.endpointId}`],
  successMessage: runMessage('Test event'),
});

export const resendDeliveryAction = defineAction({
  schema: deliveryIdSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => resendDelivery(db, actor(user), input.deliveryId),
  revalidate: (d) => [...WEBHOOKS, ...(d.target.startsWith('webhook:') ? [`/settings/webhooks/${d.target.slice('webhook:'.length)}`] : [])],
  successMessage: runMessage('Resend'),
});
