'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export function SignUpForm<T>({ signUpAction }: { signUpAction: FormAction<T> }) {
  const t = useTranslations('auth');
  const [state, action] = useActionState(signUpAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-5" noValidate>
      <Field label={t('fields.name')} name="name" errors={errors?.name}>
        <Input name="name" autoComplete="organization" required defaultValue={values?.name} invalid={!!errors?.name} />
      </Field>
      <Field label={t('fields.email')} name="email" errors={errors?.email}>
        <Input name="email" type="email" autoComplete="email" required defaultValue={values?.email} invalid={!!errors?.email} />
      </Field>
      <Field label={t('fields.password')} name="password" errors={errors?.password} hint={t('fields.passwordHint')}>
        <Input name="password" type="password" autoComplete="new-password" required invalid={!!errors?.password} />
      </Field>
      <Field label={t('fields.currency')} name="currency" errors={errors?.currency} hint={t('fields.currencyHint')}>
        <Select name="currency" defaultValue={values?.currency ?? 'USD'} invalid={!!errors?.currency}>
          <option value="USD">{t('fields.currencyUsd')}</option>
          <option value="CNY">{t('fields.currencyCny')}</option>
        </Select>
      </Field>
      {state && !state.ok && !state.fieldErrors && <FormMessage state={state} />}
      <SubmitButton className="w-full" pendingText={t('signUp.pending')}>
        {t('signUp.submit')}
      </SubmitButton>
    </form>
  );
}
