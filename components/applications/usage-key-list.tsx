import { getTranslations } from 'next-intl/server';
import type { UsageKeyRow } from '@/db/queries/applications';
import type { FormAction } from '@/lib/actions/types';
import { formatLocalDateTime } from '@/lib/time/format';
import { Badge } from '@/components/ui/badge';
import { RevokeUsageKeyForm } from './usage-keys';

/** The account's usage keys (issue 11): active ones with a revoke button, revoked ones kept for the record. */
export async function UsageKeyList({ keys, revokeUsageKeyAction }: { keys: readonly UsageKeyRow[]; revokeUsageKeyAction: FormAction<{ keyId: string; name: string; changed: boolean }> }) {
  const t = await getTranslations('applications.usageKeys');
  if (keys.length === 0) return <p className="text-sm text-slate-500">{t('empty')}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="usage-keys">
      {keys.map((k) => (
        <li key={k.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="usage-key-row" data-key-id={k.id}>
          <div className="min-w-0 space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900" data-stored-text>{k.name}</span>
              {k.revokedAt ? <Badge tone="gray">{t('revoked')}</Badge> : <Badge tone="green">{t('active')}</Badge>}
            </p>
            <p className="break-all font-mono text-xs text-slate-700">{k.id}</p>
            <p className="text-xs text-slate-500">
              {t('hint', { hint: k.secretKeyHint })} · {t('createdAt', { at: formatLocalDateTime(k.createdAt) })} ·{' '}
              {k.lastUsedAt ? t('lastUsed', { at: formatLocalDateTime(k.lastUsedAt) }) : t('neverUsed')}
              {k.revokedAt && <> · {t('revokedAt', { at: formatLocalDateTime(k.revokedAt) })}</>}
            </p>
          </div>
          {!k.revokedAt && <RevokeUsageKeyForm keyId={k.id} name={k.name} revokeUsageKeyAction={revokeUsageKeyAction} />}
        </li>
      ))}
    </ul>
  );
}
