'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export function SignInForm<T>({ callbackUrl, signInAction }: { callbackUrl?: string; signInAction: FormAction<T> }) {
  const t = useTranslations('auth');
  const [state, action] = useActionState(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-5" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <Field label={t('fields.email')} name="email" errors={errors?.email}>
        <Input name="email" type="email" autoComplete="email" required defaultValue={values?.email} invalid={!!errors?.email} />
      </Field>
      <Field label={t('fields.password')} name="password" errors={errors?.password}>
        <Input name="password" type="password" autoComplete="current-password" required invalid={!!errors?.password} />
      </Field>
      {state && !state.ok && !state.fieldErrors && <FormMessage state={state} />}
      <SubmitButton className="w-full" pendingText={t('signIn.pending')}>
        {t('signIn.submit')}
      </SubmitButton>
    </form>
  );
}
