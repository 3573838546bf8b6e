'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export type SessionListItem = { id: string; current: boolean; createdAt: string; lastSeenAt: string; address: string; browser: string; userAgent: string };

export function SessionList<T0, T1>({ rows, endSessionAction, endOtherSessionsAction }: { rows: SessionListItem[]; endSessionAction: FormAction<T0>; endOtherSessionsAction: FormAction<T1> }) {
  const t = useTranslations('account.sessions');
  const [endState, endOne] = useActionState(endSessionAction, null);
  const [allState, endAll] = useActionState(endOtherSessionsAction, null);
  const others = rows.filter((r) => !r.current).length;
  if (rows.length === 0) return <EmptyState title={t('emptyTitle')} description={t('emptyDescription')} />;
  return (
    <div className="space-y-4">
      <FormMessage state={endState} />
      <FormMessage state={allState} />
      <div className="overflow-x-auto" role="region" aria-label={t('region')} tabIndex={0}>
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="sessions-table">
        <thead>
          <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <th className="py-2 pr-4">{t('browser')}</th>
            <th className="py-2 pr-4">{t('address')}</th>
            <th className="py-2 pr-4">{t('signedIn')}</th>
            <th className="py-2 pr-4">{t('lastSeen')}</th>
            <th className="py-2">
              <span className="sr-only">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} data-testid="session-row">
              <td className="py-3 pr-4" title={r.userAgent}>
                <span className="font-medium text-slate-900">{r.browser}</span> {r.current && <Badge tone="green">{t('thisBrowser')}</Badge>}
              </td>
              <td className="py-3 pr-4 font-mono text-xs text-slate-600">{r.address}</td>
              <td className="py-3 pr-4 tabular-nums text-slate-600">{r.createdAt}</td>
              <td className="py-3 pr-4 tabular-nums text-slate-600">{r.lastSeenAt}</td>
              <td className="py-3 text-right">
                {!r.current && (
                  <form action={endOne}>
                    <input type="hidden" name="sessionId" value={r.id} />
                    <SubmitButton variant="secondary" pendingText={t('signingOut')}>
                      {t('signOut')}
                    </SubmitButton>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {others > 0 && (
        <form action={endAll}>
          <SubmitButton variant="danger" pendingText={t('signingOut')}>
            {t('signOutOthers')}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
