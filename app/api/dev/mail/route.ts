import { z } from 'zod';
import { db } from '@/db';
import { listCapturedEmails, type MailboxScope } from '@/db/queries/dev-mail';
import { devRoute } from '@/lib/dev-tools/api';
import { AppError } from '@/lib/errors';

const querySchema = z.object({
  to: z.string().trim().max(320, 'to: at most 320 characters').optional(),
  limit: z.coerce.number().int('limit: a whole number').min(1, 'limit: at least 1').max(500, 'limit: at most 500').optional(),
});

/** The embedded SMTP capture's mailbox as JSON (lib/dev-tools/README.md, Mail). */
export async function GET(request: Request) {
  return devRoute(request, async (user) => {
    const url = new URL(request.url);
    const query = querySchema.parse({ to: url.searchParams.get('to') ?? undefined, limit: url.searchParams.get('limit') ?? undefined });
    let scope: MailboxScope;
    if (user.role === 'admin') scope = { role: 'admin' };
    else if (user.accountId) scope = { role: 'customer', accountId: user.accountId, email: user.email };
    else throw new AppError('NOT_FOUND');
    const rows = await listCapturedEmails(db, scope, query);
    return {
      messages: rows.map((m) => ({
        id: m.id,
        messageId: m.messageId,
        accountId: m.accountId,
        from: m.from,
        to: m.envelopeTo,
        toHeader: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        headers: m.headers,
        date: m.receivedAt.toISOString(),
      })),
    };
  });
}
