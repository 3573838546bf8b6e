import { db } from '@/db';
import { listCapturedEmails } from '@/db/queries/dev-mail';
import { Badge } from '@/components/ui/badge';
import { Banner } from '@/components/ui/banner';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/guard';
import { mailConfig } from '@/lib/email/config';
import { formatLocalDateTime } from '@/lib/time/format';

export const metadata = { title: 'Mailbox' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The embedded SMTP capture's mailbox (development and test): every message it received. */
export default async function DevMailPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser('signed-in');
  const sp = await searchParams;
  const to = typeof sp.to === 'string' && sp.to.trim() ? sp.to.trim().slice(0, 320).replace(/[\u0000-\u001f\u007f]/g, '') || undefined : undefined;
  const open = typeof sp.open === 'string' ? Number(sp.open) : null;
  const scope = user.role === 'admin' ? ({ role: 'admin' } as const) : user.accountId ? ({ role: 'customer', accountId: user.accountId, email: user.email } as const) : null;
  const messages = scope ? await listCapturedEmails(db, scope, { to, limit: 200 }) : [];
  const config = mailConfig();
  const selected = messages.find((m) => m.id === open) ?? messages[0] ?? null;

  return (
    <>
      <PageHeader
        title="Mailbox"
        description={user.role === 'admin' ? 'Every message the embedded SMTP capture received, newest first.' : 'Messages the embedded SMTP capture received for your account, newest first.'}
        actions={<Badge tone={config.enabled ? 'green' : 'gray'}>{config.enabled ? (config.capture ? 'capture running' : 'real SMTP') : 'email off'}</Badge>}
      />
      {!config.enabled ? (
        <div className="mb-4">
          <Banner tone="warning" title="Email is off">
            {config.reason}
          </Banner>
        </div>
      ) : !config.capture ? (
        <div className="mb-4">
          <Banner tone="info" title="Mail goes to a real server">
            SMTP_URL is set, so messages go to {config.description.replace(/^SMTP /, '')} and do not appear here.
          </Banner>
        </div>
      ) : null}
      <form className="mb-4 flex flex-wrap items-end gap-2" action="/dev/mail">
        <label className="text-sm text-slate-700">
          <span className="mb-1 block font-medium">Recipient</span>
          <input name="to" defaultValue={to ?? ''} placeholder="someone@example.com" className="w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        </label>
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
          Filter
        </button>
        {to ? (
          <a href="/dev/mail" className="px-2 py-1.5 text-sm text-indigo-700 hover:underline">
            Show all
          </a>
        ) : null}
      </form>
      {messages.length === 0 ? (
        <EmptyState
          title={to ? `No message to ${to}` : 'No mail yet'}
          description="Messages appear here when the console sends email: notices to billing contacts, test emails from Account settings, sign-in security emails. JSON: GET /api/dev/mail?to=…"
        />
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <Card>
            <CardHeader title={`${messages.length} message${messages.length === 1 ? '' : 's'}`} />
            <ul className="divide-y divide-slate-100" data-testid="mail-list">
              {messages.map((m) => (
                <li key={m.id}>
                  <a
                    href={`/dev/mail?${new URLSearchParams({ ...(to ? { to } : {}), open: String(m.id) })}`}
                    className={`block px-5 py-3 hover:bg-slate-50 ${selected?.id === m.id ? 'bg-indigo-50' : ''}`}
                  >
                    <p className="truncate text-sm font-medium text-slate-900">{m.subject || '(no subject)'}</p>
                    <p className="truncate text-xs text-slate-500">
                      {m.envelopeTo.join(', ')} · {formatLocalDateTime(m.receivedAt)}
                    </p>
                  </a>
                </li>
              ))}
            </ul>
          </Card>
          {selected ? (
            <Card>
              <CardHeader title={selected.subject || '(no subject)'} description={`To ${selected.to ?? selected.envelopeTo.join(', ')} · from ${selected.from ?? '?'} · ${formatLocalDateTime(selected.receivedAt)} (UTC+8)`} />
              <CardBody className="space-y-4">
                {selected.html ? (
                  <iframe title="HTML part" sandbox="" srcDoc={selected.html} className="h-[420px] w-full rounded-md ring-1 ring-slate-200" />
                ) : null}
                <div>
                  <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Plain text</p>
                  <pre className="max-h-72 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-xs text-slate-800">{selected.text ?? '(none)'}</pre>
                </div>
              </CardBody>
            </Card>
          ) : null}
        </div>
      )}
    </>
  );
}
