'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Banner } from '@/components/ui/banner';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

/** Until the address is confirmed the account cannot buy packages (issue 13 item 7). */
export function VerifyEmailBanner<T>({ email, resendVerificationAction }: { email: string; resendVerificationAction: FormAction<T> }) {
  const t = useTranslations('account.verifyBanner');
  const [state, action] = useActionState(resendVerificationAction, null);
  return (
    <Banner
      tone="warning"
      title={t('title')}
      testId="verify-email-banner"
      action={
        <form action={action}>
          <SubmitButton variant="secondary" pendingText={t('sending')}>
            {t('resend')}
          </SubmitButton>
        </form>
      }
    >
      {t('body', { email })}
      {state && <span className="mt-1 block font-medium">{state.message}</span>}
    </Banner>
  );
}
