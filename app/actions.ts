'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { db } from '@/db';
import type { ActionResult } from '@/lib/actions/types';
import { getCurrentUser } from '@/lib/auth/guard';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALES } from '@/lib/i18n/config';
import { saveAccountLocale } from '@/lib/i18n/preference';

const languageSchema = z.object({ locale: z.enum(LOCALES, { error: 'locale: expected "en" or "zh"' }) });

/**
 * The language switch (issue 14 item 4), on every page, signed in or not: remembers the choice
 * on this browser (cookie) and, for a signed-in customer, on the caller's own account, so
 * the console follows it elsewhere and emails use it. It names no account or row.
 */
export async function setLanguageAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const parsed = languageSchema.safeParse({ locale: formData.get('locale') });
  if (!parsed.success) {
    return { ok: false, code: 'VALIDATION', message: 'locale: expected "en" or "zh".', fieldErrors: { locale: ['expected "en" or "zh"'] } };
  }
  const { locale } = parsed.data;
  const user = await getCurrentUser();
  if (user?.accountId) await saveAccountLocale(db, user.accountId, locale);
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: LOCALE_COOKIE_MAX_AGE,
    sameSite: 'lax',
    httpOnly: true,
    // Not a secret, but sent only over HTTPS where the console is served over HTTPS.
    secure: (process.env.AUTH_URL ?? process.env.APP_ORIGIN ?? '').startsWith('https://'),
  });
  return { ok: true, data: null };
}
