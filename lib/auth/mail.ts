import 'server-only';
import type { ReactElement } from 'react';

/**
 * Security emails (sign-in alerts, password reset, address verification): rendered from
 * React components in lib/auth/emails and sent at once through the mail transport, not the
 * notice queue: a reset link that arrives minutes later is useless, and these are about a
 * person, not an account. A failed send is logged and never breaks the request.
 */
export type AuthEmail = { to: string; subject: string; element: ReactElement };

export async function sendAuthEmail(mail: AuthEmail): Promise<boolean> {
  console.warn(`[auth-mail] no mail transport yet; not sent: "${mail.subject}" to ${mail.to}`);
  return false;
}
