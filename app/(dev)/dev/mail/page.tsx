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
import { getTranslations } from 'next-intl/server';

export async function generateMetadata() {
  const t = await getTranslations('dev.mail');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The embedded SMTP capture's mailbox (development and test): every message it received. */
export default async function DevMailPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser('signed-in');
  const t = await getTranslations('dev.mail');
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
        title={t('title')}
        description={user.role === 'admin' ? t('descriptionAdmin') : t('descriptionCustomer')}
        actions={<Badge tone={config.enabled ? 'green' : 'gray'}>{config.enabled ? (config.capture ? t('capture') : t('realSmtp')) : t('off')}</Badge>}
      />
      {!config.enabled ? (
        <div className="mb-4">
          <Banner tone="warning" title={t('offTitle')}>
            {config.reason}
          </Banner>
        </div>
      ) : !config.capture ? (
        <div className="mb-4">
          <Banner tone="info" title={t('realTitle')}>
            {t('realBody', { server: config.description.replace(/^SMTP /, '') })}
          </Banner>
        </div>
      ) : null}
      <form className="mb-4 flex flex-wrap items-end gap-2" action="/dev/mail">
        <label className="text-sm text-slate-700">
          <span className="mb-1 block font-medium">{t('recipient')}</span>
          <input name="to" defaultValue={to ?? ''} placeholder="someone@example.com" className="w-72 max-w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        </label>
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
          {t('filter')}
        </button>
        {to ? (
          <a href="/dev/mail" className="px-2 py-1.5 text-sm text-indigo-700 hover:underline">
            {t('showAll')}
          </a>
        ) : null}
      </form>
      {messages.length === 0 ? (
        <EmptyState
          title={to ? t('emptyTo', { to }) : t('empty')}
          description={t('emptyDescription')}
        />
      ) : (
        <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <Card>
            <CardHeader title={t('count', { count: messages.length })} />
            <ul className="divide-y divide-slate-100" data-testid="mail-list">
              {messages.map((m) => (
                <li key={m.id}>
                  <a
                    href={`/dev/mail?${new URLSearchParams({ ...(to ? { to } : {}), open: String(m.id) })}`}
                    className={`block px-5 py-3 hover:bg-slate-50 ${selected?.id === m.id ? 'bg-indigo-50' : ''}`}
                  >
                    <p className="truncate text-sm font-medium text-slate-900" data-stored-text>{m.subject || t('noSubject')}</p>
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
              {/* A captured email is shown as it was written (data-stored-text: the language spec skips it). */}
              <div data-stored-text>
                <CardHeader title={selected.subject || t('noSubject')} description={t('meta', { to: selected.to ?? selected.envelopeTo.join(', '), from: selected.from ?? '?', at: formatLocalDateTime(selected.receivedAt) })} />
              </div>
              <CardBody className="space-y-4">
                {selected.html ? (
                  <iframe title={t('html')} sandbox="" srcDoc={selected.html} className="h-[420px] w-full rounded-md ring-1 ring-slate-200" />
                ) : null}
                <div>
                  <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{t('plain')}</p>
                  <pre data-stored-text className="max-h-72 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-xs text-slate-800">{selected.text ?? t('none')}</pre>
                </div>
              </CardBody>
            </Card>
          ) : null}
        </div>
      )}
    </>
  );
}
