import 'server-only';
import type { ReactElement } from 'react';
import { mailConfig, renderEmail, sendEmail } from '@/lib/email';

/**
 * Security emails (sign-in alerts, password reset, address verification): rendered from
 * React components in lib/auth/emails and sent at once through the mail transport
 * (lib/email), not the notice queue: a reset link that arrives minutes later is useless,
 * and these are about a person, not an account. With email off (production without
 * SMTP_URL) nothing is sent and false comes back; callers log a failure and go on.
 */
export type AuthEmail = { to: string; subject: string; element: ReactElement };

export async function sendAuthEmail(mail: AuthEmail): Promise<boolean> {
  if (!mailConfig().enabled) {
    console.warn(`[auth-mail] email is off; not sent: "${mail.subject}"`);
    return false;
  }
  const { html, text } = await renderEmail(mail.element);
  await sendEmail({ to: mail.to, subject: mail.subject, html, text, headers: { 'X-Security-Email': '1' } });
  return true;
}
