'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export function ResetPasswordForm<T>({ token, resetPasswordAction }: { token: string; resetPasswordAction: FormAction<T> }) {
  const t = useTranslations('auth');
  const [state, action] = useActionState(resetPasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="token" value={token} />
      <Field label={t('fields.newPassword')} name="password" errors={errors?.password} hint={t('fields.passwordHint')}>
        <Input name="password" type="password" autoComplete="new-password" required invalid={!!errors?.password} />
      </Field>
      {state && !state.ok && !state.fieldErrors?.password && <FormMessage state={state} />}
      <SubmitButton className="w-full" pendingText={t('resetPassword.pending')}>
        {t('resetPassword.submit')}
      </SubmitButton>
    </form>
  );
}
