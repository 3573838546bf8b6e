import { createElement } from 'react';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { accounts, notifications, type noticeDeliveries } from '@/db/schema';
import { renderEmail } from '@/lib/email/render';
import { NoticeEmail } from '@/lib/email/templates/notice-email';
import { sendEmail } from '@/lib/email/transport';
import { accountLocale } from '@/lib/i18n/config';
import { formatLocalDateTime } from '@/lib/time/format';
import type { AttemptResult } from './send-webhook';

type Delivery = typeof noticeDeliveries.$inferSelect;

/** Absolute console URL of a notice's link, when the console's address is known (APP_URL, else localhost:PORT outside production). */
export function consoleUrl(link: string | null): string | null {
  if (!link) return null;
  const base = process.env.APP_URL?.trim() || (process.env.APP_ENV !== 'production' && process.env.PORT ? `http://localhost:${process.env.PORT}` : '');
  return base ? `${base.replace(/\/$/, '')}${link}` : null;
}

/** One attempt at a notice email: rendered in the account's language, sent to the recipients fixed when it was queued. */
export async function attemptEmail(db: Database, delivery: Delivery): Promise<AttemptResult> {
  const started = Date.now();
  try {
    if (!delivery.notificationId) throw new Error('an email delivery without a notice');
    const [row] = await db
      .select({ notice: notifications, accountName: accounts.name, currency: accounts.currency, locale: accounts.locale })
      .from(notifications)
      .innerJoin(accounts, eq(accounts.id, notifications.accountId))
      .where(eq(notifications.id, delivery.notificationId))
      .limit(1);
    if (!row) throw new Error(`notice ${delivery.notificationId} not found`);
    const to = ((delivery.payload as { to?: unknown }).to ?? []) as string[];
    const language = accountLocale({ locale: row.locale, currency: row.currency });
    const { html, text } = await renderEmail(
      createElement(NoticeEmail, { language, accountName: row.accountName, title: row.notice.title, body: row.notice.body, at: formatLocalDateTime(row.notice.at), url: consoleUrl(row.notice.link) }),
    );
    const sent = await sendEmail({
      to,
      subject: row.notice.title,
      html,
      text,
      accountId: delivery.accountId,
      messageId: `<${delivery.messageId}@trtc-billing>`,
      headers: { 'X-Notice-Id': String(row.notice.id), 'X-Notice-Kind': row.notice.kind },
    });
    if (sent.accepted.length === 0) return { ok: false, statusCode: null, error: `no recipient accepted: ${sent.response}`.slice(0, 500), latencyMs: Date.now() - started };
    return { ok: true, statusCode: 250, error: sent.rejected.length ? `rejected: ${sent.rejected.join(', ')}` : null, latencyMs: Date.now() - started };
  } catch (err) {
    const e = err as { message?: string; responseCode?: number; code?: string };
    return { ok: false, statusCode: typeof e.responseCode === 'number' ? e.responseCode : null, error: `${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}`.slice(0, 500), latencyMs: Date.now() - started };
  }
}
