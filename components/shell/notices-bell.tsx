import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ICONS } from './icons';

/** The unread notices count in the top bar of every console page (lifecycle.md, Notices). */
export async function NoticesBell({ unread }: { unread: number }) {
  const t = await getTranslations('shell.bell');
  const label = unread === 0 ? t('none') : t('some', { count: unread });
  return (
    <Link href="/notices" className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900" aria-label={label} title={label} data-testid="notices-bell">
      <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
        <path d={ICONS.messages} strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {unread > 0 && (
        <span className="absolute -top-1 -right-1 min-w-5 rounded-full bg-rose-600 px-1 text-center text-[11px] leading-5 font-semibold text-white" data-testid="unread-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
