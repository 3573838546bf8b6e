'use server';

import { AuthError } from 'next-auth';
import { unstable_rethrow } from 'next/navigation';
import { db } from '@/db';
import { signIn, signOut } from '@/lib/auth';
import { signInSchema, signUpSchema } from '@/lib/accounts/schemas';
import { createCustomerAccount } from '@/lib/accounts/service';
import { formDataToObject, zodFieldErrors } from '@/lib/actions/form-data';
import { toFailure, type ActionResult } from '@/lib/actions/define-action';
import { systemNow } from '@/lib/clock';

// Sign-in and sign-up are the two actions that run without a session; they validate
// with zod and return the same result values as every defineAction action.

function safeCallback(url: unknown): string {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

export async function signInAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const parsed = signInSchema.safeParse(formDataToObject(formData));
  const values = { email: String(formData.get('email') ?? '') };
  if (!parsed.success) {
    return { ok: false, code: 'VALIDATION', message: 'Check the highlighted fields.', fieldErrors: zodFieldErrors(parsed.error), values };
  }
  try {
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo: safeCallback(parsed.data.callbackUrl) });
    return { ok: true, data: null };
  } catch (err) {
    unstable_rethrow(err);
    if (err instanceof AuthError) {
      const rateLimited = (err as AuthError & { code?: string }).code === 'rate_limited';
      return rateLimited
        ? { ok: false, code: 'RATE_LIMITED', message: 'Too many failed sign-in attempts. Wait 15 minutes and try again.', values }
        : { ok: false, code: 'UNAUTHENTICATED', message: 'Email or password is incorrect.', values };
    }
    return toFailure(err, values);
  }
}

export async function signUpAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const raw = formDataToObject(formData);
  const values = { name: String(raw.name ?? ''), email: String(raw.email ?? ''), currency: String(raw.currency ?? 'USD') };
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, code: 'VALIDATION', message: 'Check the highlighted fields.', fieldErrors: zodFieldErrors(parsed.error), values };
  }
  try {
    await createCustomerAccount(db, { ...parsed.data, registeredAt: systemNow() });
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo: '/overview' });
    return { ok: true, data: null };
  } catch (err) {
    unstable_rethrow(err);
    return toFailure(err, values);
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}
