'use server';

import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { db } from '@/db';
import { signIn } from '@/lib/auth';
import { defineAction } from '@/lib/actions/define-action';
import { changePassword, sendVerificationEmail } from '@/lib/auth/account-security';
import { clientAddressFrom } from '@/lib/auth/client-address';
import { endAllSessions, endOtherSession } from '@/lib/auth/sessions';

const changePasswordSchema = z.object({
  currentPassword: z.string({ error: 'Current password is required.' }).min(1, 'Current password is required.'),
  newPassword: z.string({ error: 'New password is required.' }).min(1, 'New password is required.'),
});

/**
 * Issue 13 items 5 and 6: every session of the user ends (this one too); this browser is
 * then signed in afresh with the new password, so only it stays signed in.
 */
export const changePasswordAction = defineAction({
  schema: changePasswordSchema,
  permission: 'signed-in',
  run: async ({ input, user }) => {
    const address = clientAddressFrom(await headers());
    const { email } = await changePassword(db, { userId: user.id, currentPassword: input.currentPassword, newPassword: input.newPassword, address });
    await signIn('credentials', { email, password: input.newPassword, redirectTo: '/account/security?changed=1' });
    return null;
  },
});

const sessionIdSchema = z.object({ sessionId: z.string({ error: 'Choose a session.' }).uuid('Choose a session from the list.') });

export const endSessionAction = defineAction({
  schema: sessionIdSchema,
  permission: 'signed-in',
  run: async ({ input, user }) => {
    await endOtherSession(db, { userId: user.id, sessionId: input.sessionId, currentSessionId: user.sessionId });
    const t = await getTranslations('account.sessions');
    return { message: t('ended') };
  },
  revalidate: ['/account/security'],
  // The message in the language of the request (issue 14 item 4); successMessage itself is synchronous.
  successMessage: (d) => d.message,
});

export const endOtherSessionsAction = defineAction({
  schema: z.object({}),
  permission: 'signed-in',
  run: async ({ user }) => {
    const ended = await endAllSessions(db, { userId: user.id, reason: 'ended-by-user', exceptSessionId: user.sessionId });
    const t = await getTranslations('account.sessions');
    return { ended, message: t('endedOthers', { count: ended }) };
  },
  revalidate: ['/account/security'],
  successMessage: (d) => d.message,
});

export const resendVerificationAction = defineAction({
  schema: z.object({}),
  permission: 'signed-in',
  run: async ({ user }) => {
    await sendVerificationEmail(db, { userId: user.id });
    const t = await getTranslations('account.verifyBanner');
    return { message: t('resent') };
  },
  successMessage: (d) => d.message,
});
