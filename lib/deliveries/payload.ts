import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import type { NoticeRow } from '@/lib/notices/deliveries';

/**
 * The JSON body of a notice's webhook (docs/webhooks.md): Standard Webhooks' envelope
 * `{ type, timestamp, data }`; `data` carries the notice and, under `facts`, the kind's
 * own facts (amounts as decimal strings, instants as ISO 8601).
 */
export type WebhookBody = {
  type: string;
  timestamp: string;
  data: {
    noticeId: number | null;
    accountId: string;
    kind: string;
    subject: string;
    occasion: string;
    title: string;
    body: string;
    link: string | null;
    at: string;
    facts: Record<string, unknown>;
  };
};

export function noticeWebhookBody(notice: NoticeRow): WebhookBody {
  return {
    type: notice.kind,
    timestamp: notice.at.toISOString(),
    data: {
      noticeId: notice.id,
      accountId: notice.accountId,
      kind: notice.kind,
      subject: notice.subject,
      occasion: notice.occasion,
      title: notice.title,
      body: notice.body,
      link: notice.link,
      at: notice.at.toISOString(),
      facts: (notice.payload ?? {}) as Record<string, unknown>,
    },
  };
}

/**
 * The test event sent from the webhooks page. Field names and `type`/`kind` are machine data;
 * the human `title` and `body` are in the account's language, like a notice's (issue 14 item 4).
 */
export function testWebhookBody(accountId: string, endpointId: number, at: Date, locale: Locale = 'en'): WebhookBody {
  const t = translatorFor(locale, 'notices');
  return {
    type: 'webhook.test',
    timestamp: at.toISOString(),
    data: {
      noticeId: null,
      accountId,
      kind: 'webhook.test',
      subject: String(endpointId),
      occasion: at.toISOString(),
      title: t('webhook.test.title'),
      body: t('webhook.test.body'),
      link: '/settings/webhooks',
      at: at.toISOString(),
      facts: { endpointId },
    },
  };
}

/** Standard Webhooks `webhook-id`: the same for every endpoint and attempt of one notice. */
export function noticeMessageId(noticeId: number): string {
  return `msg_notice_${noticeId}`;
}
