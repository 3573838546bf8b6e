import 'server-only';
import type { ReactElement } from 'react';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { mailConfig, renderEmail, sendEmail } from '@/lib/email';
import { accountLocale, DEFAULT_LOCALE, type Locale } from '@/lib/i18n/config';

/**
 * Security emails (sign-in alerts, password reset, address verification): rendered from
 * React components in lib/auth/emails and sent at once through the mail transport
 * (lib/email), not the notice queue: a reset link that arrives minutes later is useless,
 * and these are about a person, not an account. With email off (production without
 * SMTP_URL) nothing is sent and false comes back; callers log a failure and go on.
 */
export type AuthEmail = { to: string; subject: string; element: ReactElement };

/**
 * The language of a user's security emails (issue 14 item 4): their account's
 * (`accountLocale`: the saved choice, else Chinese for CNY); a user without an account
 * (an administrator) gets English.
 */
export async function userMailLocale(db: DbOrTx, who: { userId: string } | { email: string }): Promise<Locale> {
  const [row] = await db
    .select({ locale: accounts.locale, currency: accounts.currency })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where('userId' in who ? eq(users.id, who.userId) : eq(users.email, who.email))
    .limit(1);
  return row?.currency ? accountLocale({ locale: row.locale, currency: row.currency }) : DEFAULT_LOCALE;
}

export async function sendAuthEmail(mail: AuthEmail): Promise<boolean> {
  if (!mailConfig().enabled) {
    console.warn(`[auth-mail] email is off; not sent: "${mail.subject}"`);
    return false;
  }
  const { html, text } = await renderEmail(mail.element);
  await sendEmail({ to: mail.to, subject: mail.subject, html, text, headers: { 'X-Security-Email': '1' } });
  return true;
}
