import nodemailer, { type Transporter } from 'nodemailer';
import { AppError } from '@/lib/errors';
import { mailConfig } from './config';

export type OutgoingEmail = {
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** The account the mail is about: sent as `X-Account-Id` (the capture mailbox filters by it). */
  accountId?: string;
  /** A stable Message-ID (e.g. per delivery) so a resend after a lost acknowledgement is recognisable. */
  messageId?: string;
};

export type SentEmail = { messageId: string; accepted: string[]; rejected: string[]; response: string };

let cached: { url: string; transporter: Transporter } | null = null;

function transporterFor(url: string): Transporter {
  if (cached?.url === url) return cached.transporter;
  // No pool: every send opens its own connection, so a restarted server is simply used again.
  const transporter = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  cached = { url, transporter };
  return transporter;
}

/**
 * Send one email through the configured transport (lib/email/config.ts). Throws
 * `AppError('UNAVAILABLE')` when email is off, and the transport's error when the server
 * cannot be reached or refuses the message (the delivery queue retries it).
 */
export async function sendEmail(mail: OutgoingEmail): Promise<SentEmail> {
  const config = mailConfig();
  if (!config.enabled) throw new AppError('UNAVAILABLE', config.reason);
  const to = Array.isArray(mail.to) ? mail.to : [mail.to];
  if (to.length === 0) throw new AppError('VALIDATION', 'An email needs at least one recipient.', { fieldErrors: { to: ['Give at least one address.'] } });
  const info = await transporterFor(config.url).sendMail({
    from: config.from,
    to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    headers: { ...(mail.headers ?? {}), ...(mail.accountId ? { 'X-Account-Id': mail.accountId } : {}) },
  });
  return {
    messageId: String(info.messageId ?? ''),
    accepted: (info.accepted ?? []).map(String),
    rejected: (info.rejected ?? []).map(String),
    response: String(info.response ?? ''),
  };
}
