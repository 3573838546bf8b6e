import { randomUUID } from 'node:crypto';
import { signedUsageHeaders } from '@/lib/usage/signature';
import { notify } from '@/lib/notices/notify';
import type { World } from './world';

/**
 * The case table of the unauthorized-access spec (issue 13). Every key found by
 * tests/access/discover.ts must be here (the spec fails on a missing or stale key).
 *
 * Actions:
 * - `public`: runs without a session (sign-in, sign-up); the reason is the review.
 * - `admin`: a customer (and an anonymous caller) is refused FORBIDDEN/UNAUTHENTICATED and the
 *   victim's account is unchanged; then the admin runs the same input (control: the input is real).
 * - `customer` / `signed-in` with `target: 'victim-ids'`: the attacker passes the victim's ids and
 *   is refused NOT_FOUND/FORBIDDEN, the victim's account unchanged; then the victim runs the same
 *   input successfully (control), unless `ownerControl` says why not.
 * - `target: 'own-account'`: the input names no account or row (the action acts on the caller's
 *   own account); the attacker's call must leave the victim's account unchanged.
 * Route handlers (mutating methods): `exempt` with the reason, or a request that the spec sends
 * (1) as the victim, cross-origin with text/plain (CSRF: refused, nothing changed), (2) as the
 * attacker naming the victim's ids (refused with `foreignStatus`, nothing changed),
 * (3) anonymously (401/404), and (4) as the victim from the console's origin (control: 2xx).
 */
type Input = Record<string, unknown>;
type Prepared = (w: World) => Promise<Input> | Input;

export type ActionCase =
  | { public: string }
  | { permission: 'admin'; input: Prepared }
  | { permission: 'customer' | 'signed-in'; target: 'victim-ids'; input: Prepared; ownerControl?: true | { skip: string } }
  | { permission: 'customer' | 'signed-in'; target: 'own-account'; input: Prepared };

export type RouteCase =
  | { exempt: string }
  | {
      auth: 'session';
      path: (w: World) => string;
      params: (w: World) => Record<string, string>;
      body: (w: World) => Promise<string> | string;
      contentType?: string;
      prepare?: (w: World) => Promise<void>;
      /** What the attacker gets for the victim's ids: 404 (like a missing row) unless said. */
      foreignStatus?: number[];
      /** The attacker's own request (same shape) aimed at the victim; default: `body`. */
      foreignBody?: (w: World) => Promise<string> | string;
    }
  | {
      /** An admin-only route (POST /api/dev/accounts): anonymous 401, any customer 403, the admin's call works. */
      auth: 'admin-session';
      path: (w: World) => string;
      body: (w: World) => string;
    }
  | {
      auth: 'signed';
      path: (w: World) => string;
      /** Body and headers signed with the victim's or the attacker's key. */
      signed: (w: World, as: 'victim' | 'attacker') => { body: string; headers: Record<string, string> };
    };

const key = () => `access-${randomUUID()}`;
const reason = 'Access spec: checking who may do this';

export const ACTION_CASES: Record<string, ActionCase> = {
  // --- sign-in and sign-up run without a session by design ---
  'app/actions.ts#setLanguageAction': { public: 'the language switch: sets a cookie on the caller\'s browser and, when signed in, the language of the caller\'s own account; it names no account or row' },
  'app/(auth)/actions.ts#signInAction': { public: 'sign-in: no session yet; credentials are the check' },
  'app/(auth)/actions.ts#signUpAction': { public: 'sign-up: creates a new account of its own' },
  'app/(auth)/actions.ts#signOutAction': { public: 'ends the caller’s own session only' },
  'app/(auth)/actions.ts#forgotPasswordAction': { public: 'forgotten password: no session; the same answer for every address, the link goes to the owner only' },
  'app/(auth)/actions.ts#resetPasswordAction': { public: 'reset: no session; the one-time emailed token is the check' },
  'app/(auth)/actions.ts#verifyEmailAction': { public: 'address confirmation: no session; the one-time emailed token is the check' },

  // --- account security: the caller's own user only (issue 13 items 5, 6, 7) ---
  'app/(account)/account/actions.ts#changePasswordAction': {
    permission: 'signed-in',
    target: 'own-account',
    input: () => ({ currentPassword: 'not-the-password', newPassword: 'violet-tractor-91-oolong' }),
  },
  'app/(account)/account/actions.ts#endSessionAction': {
    permission: 'signed-in',
    target: 'victim-ids',
    input: async (w) => {
      const { createSession } = await import('@/lib/auth/sessions');
      return { sessionId: await createSession(w.db, { userId: w.victim.userId, address: '198.51.100.7', userAgent: 'victim laptop' }) };
    },
  },
  'app/(account)/account/actions.ts#endOtherSessionsAction': { permission: 'signed-in', target: 'own-account', input: () => ({}) },
  'app/(account)/account/actions.ts#resendVerificationAction': { permission: 'signed-in', target: 'own-account', input: () => ({}) },

  // --- customer actions naming rows ---
  'app/(console)/applications/actions.ts#createApplicationAction': { permission: 'customer', target: 'own-account', input: () => ({ name: 'Injected app', accountId: 'x' }) },
  'app/(console)/applications/actions.ts#renameApplicationAction': {
    permission: 'customer',
    target: 'victim-ids',
    input: (w) => ({ applicationId: w.victim.app.id, name: 'Renamed by someone' }),
  },
  'app/(console)/applications/actions.ts#setApplicationEnabledAction': {
    permission: 'customer',
    target: 'victim-ids',
    input: (w) => ({ applicationId: w.victim.app.id, enabled: 'false' }),
  },
  'app/(console)/applications/actions.ts#deleteApplicationAction': {
    permission: 'customer',
    target: 'victim-ids',
    input: (w) => ({ applicationId: w.victim.app.id, confirmName: w.victim.app.name }),
    ownerControl: { skip: 'the victim application has an active package, which refuses deletion by design' },
  },
  'app/(console)/packages/actions.ts#purchasePackageAction': {
    permission: 'customer',
    target: 'victim-ids',
    input: (w) => ({ applicationId: w.victim.app.id, catalogCode: 'rtc-engine.lite', idempotencyKey: key() }),
    ownerControl: { skip: 'a second Lite package is queued; covered by lib/packages tests' },
  },
  'app/(console)/packages/actions.ts#setAutoRenewAction': {
    permission: 'customer',
    target: 'victim-ids',
    input: (w) => ({ packageId: w.victim.package.id, autoRenew: 'true' }),
  },
  'app/(console)/packages/actions.ts#requestRefundAction': {
    permission: 'customer',
    target: 'victim-ids',
    input: (w) => ({ packageId: w.victim.package.id, note: 'Refund me' }),
  },
  'app/(console)/packages/actions.ts#withdrawRefundAction': {
    permission: 'customer',
    target: 'victim-ids',
    input: async (w) => ({ requestId: (await w.refundRequest()).id }),
  },
  'app/(console)/applications/actions.ts#rotateSecretKeyAction': {
    permission: 'customer',
    target: 'victim-ids',
    input: (w) => ({ applicationId: w.victim.app.id, oldKey: 'stop' }),
  },
  'app/(console)/applications/actions.ts#createUsageKeyAction': { permission: 'customer', target: 'own-account', input: () => ({ name: 'Injected key', accountId: 'x' }) },
  'app/(console)/applications/actions.ts#revokeUsageKeyAction': { permission: 'customer', target: 'victim-ids', input: async (w) => ({ keyId: (await w.usageKey()).id }) },
  'app/(console)/balance/actions.ts#topUpAction': {
    permission: 'customer',
    target: 'own-account',
    input: () => ({ amount: '10', cardNumber: '4242424242424242', idempotencyKey: key() }),
  },
  'app/(console)/balance/actions.ts#setBalanceThresholdAction': { permission: 'customer', target: 'own-account', input: () => ({ threshold: '2000' }) },
  'app/(console)/notices/actions.ts#markNoticeReadAction': {
    permission: 'customer',
    target: 'victim-ids',
    input: async (w) => {
      const row = await w.db.transaction((tx) =>
        notify(tx, { kind: 'refund.rejected', accountId: w.victim.accountId, subject: randomUUID(), occasion: 'decided', at: new Date(), facts: { requestId: 'r', packageName: 'Lite', reason } }),
      );
      return { noticeId: row!.id };
    },
  },
  'app/(console)/notices/actions.ts#markAllNoticesReadAction': { permission: 'customer', target: 'own-account', input: () => ({}) },
  'app/(console)/settings/actions.ts#addBillingContactAction': { permission: 'customer', target: 'own-account', input: () => ({ email: `contact-${randomUUID()}@example.test` }) },
  'app/(console)/settings/actions.ts#removeBillingContactAction': { permission: 'customer', target: 'victim-ids', input: async (w) => ({ contactId: (await w.billingContact()).id }) },
  'app/(console)/settings/actions.ts#setEmailKindsAction': { permission: 'customer', target: 'own-account', input: () => ({ kinds: ['balance.below_threshold'] }) },
  'app/(console)/settings/actions.ts#createWebhookEndpointAction': { permission: 'customer', target: 'own-account', input: () => ({ url: 'https://example.test/hook', description: 'access test' }) },
  'app/(console)/settings/actions.ts#deleteWebhookEndpointAction': { permission: 'customer', target: 'victim-ids', input: async (w) => ({ endpointId: (await w.webhookEndpoint()).id }) },
  'app/(console)/settings/actions.ts#enableWebhookEndpointAction': { permission: 'customer', target: 'victim-ids', input: async (w) => ({ endpointId: (await w.webhookEndpoint({ disabled: true })).id }) },
  'app/(console)/settings/actions.ts#sendWebhookTestAction': { permission: 'customer', target: 'victim-ids', input: async (w) => ({ endpointId: (await w.webhookEndpoint()).id }) },
  'app/(console)/settings/actions.ts#resendDeliveryAction': { permission: 'customer', target: 'victim-ids', input: async (w) => ({ deliveryId: (await w.webhookDelivery()).deliveryId }) },
  'app/(console)/calculator/actions.ts#calculateAction': { permission: 'customer', target: 'own-account', input: () => ({ bookId: 'trtc-2024-usd', intent: 'last-month' }) },

  // --- developer tools: any signed-in user, but only on their own account ---
  'app/(dev)/dev/actions.ts#attachClockAction': {
    permission: 'signed-in',
    target: 'victim-ids',
    input: async (w) => {
      await w.detachVictimClock();
      return { accountId: w.victim.accountId, start: 'now' };
    },
  },
  'app/(dev)/dev/actions.ts#detachClockAction': { permission: 'signed-in', target: 'victim-ids', input: (w) => ({ accountId: w.victim.accountId }) },
  'app/(dev)/dev/actions.ts#advanceClockAction': { permission: 'signed-in', target: 'victim-ids', input: (w) => ({ accountId: w.victim.accountId, step: 'hour' }) },
  'app/(dev)/dev/actions.ts#generateUsageAction': {
    permission: 'signed-in',
    target: 'victim-ids',
    input: (w) => ({ accountId: w.victim.accountId, sdkAppId: String(w.victim.app.sdkAppId), sessions: '2', spanMinutes: '30' }),
  },

  // --- admin actions ---
  'app/(admin)/admin/accounts/actions.ts#adjustBalanceAction': {
    permission: 'admin',
    input: (w) => ({ accountId: w.victim.accountId, amount: '500', reason, idempotencyKey: key() }),
  },
  'app/(admin)/admin/accounts/actions.ts#createAccountAction': {
    permission: 'admin',
    input: () => ({ name: 'Access spec account', email: `${key()}@example.test`, password: 'first-password-1', priceBookId: 'rtv-cny' }),
  },
  'app/(admin)/admin/accounts/actions.ts#suspendForViolationAction': { permission: 'admin', input: (w) => ({ accountId: w.victim.accountId, reason }) },
  'app/(admin)/admin/accounts/actions.ts#liftSuspensionAction': {
    permission: 'admin',
    input: async (w) => {
      const { suspendForViolation } = await import('@/lib/admin/service');
      await suspendForViolation(w.db, { accountId: w.victim.accountId, adminUserId: w.adminUserId, reason });
      return { accountId: w.victim.accountId, reason };
    },
  },
  'app/(admin)/admin/refunds/actions.ts#decideRefundAction': {
    permission: 'admin',
    input: async (w) => ({ requestId: (await w.refundRequest()).id, decision: 'approve', reason }),
  },
  'app/(admin)/admin/jobs/actions.ts#retryDeadJobAction': { permission: 'admin', input: async (w) => ({ jobId: String((await w.deadJob()).id) }) },
};

const usageRecord = (w: World, app: number) =>
  JSON.stringify([{ type: 'media', app, user: 'u1', room: 'r1', start: '2024-10-08T10:00:00+08:00', seconds: 60, receive: [{ stream: 's1', audio: true }] }]);

export const ROUTE_CASES: Record<string, RouteCase> = {
  'app/api/auth/[...nextauth]/route.ts#POST': {
    exempt: 'Auth.js: every POST carries its own CSRF token (double-submit cookie, checked by @auth/core); form-encoded by design',
  },
  'app/api/dev/clocks/[accountId]/advance/route.ts#POST': {
    auth: 'session',
    path: (w) => `/api/dev/clocks/${w.victim.accountId}/advance`,
    params: (w) => ({ accountId: w.victim.accountId }),
    body: () => JSON.stringify({ by: { days: 1 } }),
  },
  'app/api/dev/clocks/[accountId]/route.ts#POST': {
    auth: 'session',
    path: (w) => `/api/dev/clocks/${w.victim.accountId}`,
    params: (w) => ({ accountId: w.victim.accountId }),
    prepare: (w) => w.detachVictimClock(),
    body: () => JSON.stringify({ startAt: '2024-10-09T00:00:00+08:00' }),
  },
  'app/api/dev/clocks/[accountId]/route.ts#DELETE': {
    auth: 'session',
    path: (w) => `/api/dev/clocks/${w.victim.accountId}`,
    params: (w) => ({ accountId: w.victim.accountId }),
    body: () => '',
  },
  'app/api/dev/accounts/route.ts#POST': {
    auth: 'admin-session',
    path: () => '/api/dev/accounts',
    body: () => JSON.stringify({ priceBookId: 'hst-cny', registeredAt: '2024-10-01T00:00:00+08:00', balance: '10' }),
  },
  'app/api/dev/accounts/[accountId]/usage/route.ts#POST': {
    auth: 'session',
    path: (w) => `/api/dev/accounts/${w.victim.accountId}/usage`,
    params: (w) => ({ accountId: w.victim.accountId }),
    body: (w) => JSON.stringify({ sdkAppId: w.victim.app.sdkAppId, sessions: 2, spanMinutes: 30 }),
  },
  'app/(console)/usage/import/route.ts#POST': {
    auth: 'session',
    path: () => '/usage/import',
    params: () => ({}),
    contentType: 'application/json',
    // The import acts on the caller's account: records naming another account's application are refused.
    body: (w) => usageRecord(w, w.victim.app.sdkAppId),
    foreignStatus: [422],
  },
  'app/api/v1/usage/route.ts#POST': {
    auth: 'signed',
    path: () => '/api/v1/usage',
    signed: (w, as) => {
      // The attacker signs with their own key but names the victim's application.
      const secret = as === 'victim' ? w.victim.app.secretKey : w.attacker.app.secretKey;
      const body = usageRecord(w, w.victim.app.sdkAppId);
      return { body, headers: signed(w.victim.app.sdkAppId, secret, body) };
    },
  },
};

function signed(sdkAppId: number, secretKey: string, body: string) {
  return signedUsageHeaders({ sdkAppId, secretKey, body, idempotencyKey: key() });
}
