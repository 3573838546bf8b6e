'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { SubmitButton } from '@/components/ui/submit-button';

export function RetryDeadJobButton<T0>({ jobId, retryDeadJobAction }: { jobId: number; retryDeadJobAction: FormAction<T0> }) {
  const t = useTranslations('admin.jobs');
  const [state, action] = useActionState(retryDeadJobAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="jobId" value={jobId} />
      {state && <span className={`text-xs ${state.ok ? 'text-emerald-700' : 'text-rose-700'}`}>{state.ok ? t('queued') : state.message}</span>}
      <SubmitButton variant="secondary" pendingText={t('retrying')}>
        {t('retry')}
      </SubmitButton>
    </form>
  );
}
