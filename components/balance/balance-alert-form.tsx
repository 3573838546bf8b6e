'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** The balance alert threshold (lifecycle.md, Notices; Tencent Cloud's balance alert): empty is off. */
export function BalanceAlertForm<T0>({ current, currency, setBalanceThresholdAction }: { current: string | null; currency: 'USD' | 'CNY'; setBalanceThresholdAction: FormAction<T0> }) {
  const t = useTranslations('balance.alert');
  const [state, action] = useActionState(setBalanceThresholdAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-4" noValidate data-testid="balance-alert-form">
      <Field
        label={t('label', { currency })}
        name="threshold"
        errors={errors?.threshold}
        hint={t('hint')}
      >
        <Input name="threshold" inputMode="decimal" placeholder={t('placeholder')} defaultValue={values?.threshold ?? current ?? ''} invalid={!!errors?.threshold} autoComplete="off" />
      </Field>
      {state && (state.ok || !errors?.threshold) && <FormMessage state={state} />}
      <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
    </form>
  );
}
