'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export function ForgotPasswordForm<T>({ forgotPasswordAction }: { forgotPasswordAction: FormAction<T> }) {
  const t = useTranslations('auth');
  const [state, action] = useActionState(forgotPasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-5" noValidate>
      <Field label={t('fields.email')} name="email" errors={errors?.email}>
        <Input name="email" type="email" autoComplete="email" required defaultValue={values?.email} invalid={!!errors?.email} />
      </Field>
      {state && !errors && <FormMessage state={state} />}
      <SubmitButton className="w-full" pendingText={t('forgotPassword.pending')}>
        {t('forgotPassword.submit')}
      </SubmitButton>
    </form>
  );
}
