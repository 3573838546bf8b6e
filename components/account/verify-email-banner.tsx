'use client';

import { useActionState } from 'react';
import { Banner } from '@/components/ui/banner';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

/** Until the address is confirmed the account cannot buy packages (issue 13 item 7). */
export function VerifyEmailBanner<T>({ email, resendVerificationAction }: { email: string; resendVerificationAction: FormAction<T> }) {
  const [state, action] = useActionState(resendVerificationAction, null);
  return (
    <Banner
      tone="warning"
      title="Confirm your email address"
      testId="verify-email-banner"
      action={
        <form action={action}>
          <SubmitButton variant="secondary" pendingText="Sending…">
            Send the link again
          </SubmitButton>
        </form>
      }
    >
      We emailed a confirmation link to {email}. Packages can be bought once the address is confirmed.
      {state && <span className="mt-1 block font-medium">{state.message}</span>}
    </Banner>
  );
}
