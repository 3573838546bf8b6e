'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export function VerifyEmailForm<T>({ token, verifyEmailAction }: { token: string; verifyEmailAction: FormAction<T> }) {
  const t = useTranslations('auth.verifyEmail');
  const [state, action] = useActionState(verifyEmailAction, null);
  return (
    <form action={action} className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <SubmitButton className="w-full" pendingText={t('pending')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
