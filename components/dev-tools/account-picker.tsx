'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { Select } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';

export type PickableAccount = { id: string; label: string };

/** Choose the account to work on; the page reads it from `?account=`. */
export function AccountPicker({ accounts, selected }: { accounts: PickableAccount[]; selected: string | null }) {
  const t = useTranslations('dev.picker');
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div className="flex items-center gap-3">
      <label htmlFor="account" className="shrink-0 text-sm font-medium text-slate-700">
        {t('label')}
      </label>
      <Select
        name="account"
        value={selected ?? ''}
        className="w-96 min-w-0 max-w-full"
        onChange={(e) => start(() => router.push(e.target.value ? `/dev?account=${e.target.value}` : '/dev'))}
      >
        <option value="">{t('choose')}</option>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label}
          </option>
        ))}
      </Select>
      {pending && <Spinner />}
    </div>
  );
}
