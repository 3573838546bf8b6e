import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Database } from '@/db/client';
import { capturedEmails } from '@/db/schema';

export type MailCapture = { port: number; url: string; stop: () => Promise<void> };

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/**
 * The embedded SMTP server of development and test (issue 10, Email): accepts every
 * message on 127.0.0.1 (no TLS, any or no login), parses it with mailparser and keeps it
 * in `captured_emails`, which `/dev/mail` and `GET /api/dev/mail` read. Port 0 picks a
 * free port. Stopping it makes sends fail like a real outage; starting it again on the
 * same port lets the delivery queue's retries through.
 */
export async function startMailCapture(db: Database, options: { port?: number; host?: string; log?: (m: string) => void } = {}): Promise<MailCapture> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    banner: 'TRTC billing mail capture',
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'capture' });
    },
    onData(stream, session, callback) {
      const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
      simpleParser(stream)
        .then(async (mail) => {
          const headers: Record<string, string> = {};
          for (const line of mail.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
          const accountHeader = headers['x-account-id'];
          await db.insert(capturedEmails).values({
            messageId: mail.messageId ?? null,
            accountId: accountHeader && /^[0-9a-f-]{36}$/i.test(accountHeader) ? accountHeader : null,
            envelopeFrom,
            envelopeTo,
            from: mail.from?.text ?? null,
            to: addressText(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? null,
            html: typeof mail.html === 'string' ? mail.html : null,
            headers,
          });
          log(`[mail] captured "${mail.subject ?? ''}" for ${envelopeTo.join(', ')}`);
          callback();
        })
        .catch((err: unknown) => {
          log(`[mail] could not keep a message: ${err instanceof Error ? err.message : String(err)}`);
          // A temporary failure: the sender keeps the message and retries.
          const error = new Error('Could not store the message, try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log(`[mail] capture server error: ${err.message}`));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${host}:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressText(a: AddressObject | AddressObject[] | undefined): string | null {
  if (!a) return null;
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', ');
}
