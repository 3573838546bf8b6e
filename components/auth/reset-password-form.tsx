'use client';

import { useActionState } from 'react';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export function ResetPasswordForm<T>({ token, resetPasswordAction }: { token: string; resetPasswordAction: FormAction<T> }) {
  const [state, action] = useActionState(resetPasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field label="New password" name="password" errors={errors?.password} hint="At least 12 characters; not your email, your name or a common password.">
        <Input name="password" type="password" autoComplete="new-password" required invalid={!!errors?.password} />
      </Field>
      {state && !state.ok && !state.fieldErrors?.password && <FormMessage state={state} />}
      <SubmitButton className="w-full" pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
