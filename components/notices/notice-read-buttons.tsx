'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** "Mark read" for one notice; a failure (e.g. not found) shows next to it. */
export function MarkNoticeReadButton<T0>({ noticeId, markNoticeReadAction }: { noticeId: number; markNoticeReadAction: FormAction<T0> }) {
  const t = useTranslations('messageCenter.read');
  const [state, action] = useActionState(markNoticeReadAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="noticeId" value={noticeId} readOnly />
      <SubmitButton variant="secondary" pendingText={t('marking')} className="px-2 py-1 text-xs">
        {t('markRead')}
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

/** "Mark all read" for the whole message center. */
export function MarkAllNoticesReadButton<T0>({ disabled, markAllNoticesReadAction }: { disabled?: boolean; markAllNoticesReadAction: FormAction<T0> }) {
  const t = useTranslations('messageCenter.read');
  const [state, action] = useActionState(markAllNoticesReadAction, null);
  const marked = state?.ok ? (state.data as { marked?: number } | undefined)?.marked : undefined;
  return (
    <form action={action} className="flex items-center gap-3" data-testid="mark-all-read">
      {state && <FormMessage state={state.ok && marked !== undefined ? { ...state, message: t('markedAll', { count: marked }) } : state} />}
      <SubmitButton variant="secondary" pendingText={t('marking')} disabled={disabled}>
        {t('markAll')}
      </SubmitButton>
    </form>
  );
}
