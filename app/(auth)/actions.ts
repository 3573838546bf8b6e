'use server';

import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { redirect, unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { db } from '@/db';
import { auth, signIn, signOut } from '@/lib/auth';
import { signInSchema, signUpSchema } from '@/lib/accounts/schemas';
import { registerCustomer } from '@/lib/accounts/sign-up';
import { formDataToObject, zodFieldErrors } from '@/lib/actions/form-data';
import { actionFailure, type ActionResult } from '@/lib/actions/define-action';
import { AppError } from '@/lib/errors';
import { requestPasswordReset, resetPassword, verifyEmailAddress } from '@/lib/auth/account-security';
import { clientAddressFrom } from '@/lib/auth/client-address';
import { checkSignIn } from '@/lib/auth/rate-limit';
import { safeRedirectPath } from '@/lib/auth/safe-redirect';
import { classifySignInFailure } from '@/lib/auth/sign-in-failure';
import { endSession } from '@/lib/auth/sessions';
import { describeWait } from '@/lib/auth/throttle-rules';
import { systemNow } from '@/lib/clock';

// The actions that run without a session (sign-in, sign-up, forgotten password, address
// confirmation) and sign-out; they validate with zod and return the same result values as
// every defineAction action.

async function requestContext() {
  const h = await headers();
  return { address: clientAddressFrom(h), origin: `http://${h.get('host') ?? 'console.invalid'}` };
}

// Every failure goes through `actionFailure` (lib/errors.ts, the error model): logged with the
// request id, in the reader's language (the `errors` catalogue), English word for word as here.
function validationFailure<T>(error: z.ZodError, values: Record<string, string>): Promise<ActionResult<T>> {
  return actionFailure(new AppError('VALIDATION', 'Check the highlighted fields.', { key: 'checkFields', fieldErrors: zodFieldErrors(error) }), values);
}

export async function signInAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const parsed = signInSchema.safeParse(formDataToObject(formData));
  const values = { email: String(formData.get('email') ?? '') };
  if (!parsed.success) return await validationFailure(parsed.error, values);
  const { address, origin } = await requestContext();
  try {
    // Issue 13 item 1: only a path on this console, whatever the callbackUrl says.
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo: safeRedirectPath(parsed.data.callbackUrl, origin) });
    return { ok: true, data: null };
  } catch (err) {
    unstable_rethrow(err);
    switch (classifySignInFailure(err)) {
      case 'rate-limited': {
        const decision = await checkSignIn(db, parsed.data.email, address).catch(() => null);
        const wait = !decision || decision.allowed ? 'a moment' : describeWait(decision.retryAfterMs);
        return actionFailure(new AppError('RATE_LIMITED', `Too many failed sign-in attempts. Try again in ${wait}.`), values);
      }
      case 'credentials':
        return actionFailure(new AppError('UNAUTHENTICATED', 'Email or password is incorrect.', { key: 'signInIncorrect' }), values);
      default:
        // 'unavailable' → SERVICE_UNAVAILABLE ("briefly unavailable"), else a logged generic failure.
        return actionFailure(err, values);
    }
  }
}

export async function signUpAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const raw = formDataToObject(formData);
  const values = { name: String(raw.name ?? ''), email: String(raw.email ?? ''), currency: String(raw.currency ?? 'USD') };
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return await validationFailure(parsed.error, values);
  try {
    const { address } = await requestContext();
    // The same answer for a new and a taken address (issue 13 item 7).
    await registerCustomer(db, { ...parsed.data, registeredAt: systemNow(), address });
  } catch (err) {
    unstable_rethrow(err);
    return actionFailure(err, values);
  }
  redirect('/sign-up/check-email');
}

export async function signOutAction(): Promise<void> {
  // Ends the server-side session, so a copy of the cookie is worthless from now on (issue 13 item 5).
  const session = await auth();
  if (session?.user?.id && session.sessionId) await endSession(db, { userId: session.user.id, sessionId: session.sessionId, reason: 'sign-out' });
  await signOut({ redirectTo: '/sign-in' });
}

const forgotSchema = z.object({
  email: z.string({ error: 'Email is required.' }).trim().toLowerCase().min(1, 'Email is required.').email('Email must be an address like name@example.com.'),
});

export async function forgotPasswordAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const values = { email: String(formData.get('email') ?? '') };
  const parsed = forgotSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) return await validationFailure(parsed.error, values);
  try {
    const { address } = await requestContext();
    await requestPasswordReset(db, { email: parsed.data.email, address });
  } catch (err) {
    unstable_rethrow(err);
    return actionFailure(err, values);
  }
  const t = await getTranslations('auth.forgotPassword');
  return { ok: true, data: null, message: t('sent') };
}

const resetSchema = z.object({
  token: z.string({ error: 'The link is incomplete; open it again from the email.' }).min(1, 'The link is incomplete; open it again from the email.'),
  password: z.string({ error: 'Password is required.' }).min(1, 'Password is required.'),
});

export async function resetPasswordAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const parsed = resetSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) return await validationFailure(parsed.error, {});
  try {
    await resetPassword(db, { token: parsed.data.token, newPassword: parsed.data.password });
  } catch (err) {
    unstable_rethrow(err);
    return actionFailure(err);
  }
  redirect('/sign-in?reset=1');
}

export async function verifyEmailAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const token = String(formData.get('token') ?? '');
  try {
    if (!(await verifyEmailAddress(db, token))) {
      return actionFailure(new AppError('INVALID_STATE', 'This confirmation link has expired or was already used. Sign in and send a new one from the overview.', { key: 'verifyLinkExpired' }));
    }
  } catch (err) {
    unstable_rethrow(err);
    return actionFailure(err);
  }
  redirect('/sign-in?verified=1');
}
