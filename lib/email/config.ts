import { appEnv } from '@/lib/clock/app-env';

/**
 * Where email goes (issue 10, Email):
 * - `SMTP_URL` set: that server (smtp:// or smtps://, credentials in the URL);
 * - development and test without one: `scripts/serve.ts` starts the embedded capture
 *   server and sets `SMTP_URL` to it plus `MAIL_CAPTURE=1` for its own process and Next's;
 * - production without one: email is off (notices stay in the message center; the admin
 *   page says so).
 */
export type MailConfig =
  | { enabled: true; url: string; from: string; capture: boolean; description: string }
  | { enabled: false; from: string; reason: string };

export const DEFAULT_MAIL_FROM = 'TRTC Billing <billing@trtc-billing.localhost>';

export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const from = env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  const url = env.SMTP_URL?.trim();
  if (url) {
    const capture = env.MAIL_CAPTURE === '1';
    return { enabled: true, url, from, capture, description: capture ? `embedded SMTP capture (${redact(url)}); read it on /dev/mail` : `SMTP ${redact(url)}` };
  }
  const reason =
    appEnv() === 'production'
      ? 'Email is off: SMTP_URL is not set. Notices are still written to the message center.'
      : 'Email is off: SMTP_URL is not set and the embedded SMTP capture is not running (it starts with npm run dev / npm start).';
  return { enabled: false, from, reason };
}

/** The URL without its password, for pages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'an unparsable SMTP_URL';
  }
}
