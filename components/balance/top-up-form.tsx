'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/**
 * The simulated payment form (issue 4: no real payment provider). The idempotency key
 * comes from the server render: a double submit credits once; after a success the page
 * re-renders with a fresh key.
 */
export function TopUpForm<T0>({ idempotencyKey, currency, amountHint, topUpAction }: { idempotencyKey: string; currency: 'USD' | 'CNY'; amountHint?: string; topUpAction: FormAction<T0> }) {
  const t = useTranslations('balance.topUp');
  const [state, action] = useActionState(topUpAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-4" noValidate data-testid="top-up-form">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} readOnly />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('amount', { currency })} name="amount" errors={errors?.amount} hint={amountHint ?? t('amountHint')}>
          <Input name="amount" inputMode="decimal" placeholder="100.00" defaultValue={values?.amount} invalid={!!errors?.amount} autoComplete="off" />
        </Field>
        <Field label={t('card')} name="cardNumber" errors={errors?.cardNumber} hint={t('cardHint')}>
          <Input name="cardNumber" inputMode="numeric" placeholder="4242 4242 4242 4242" invalid={!!errors?.cardNumber} autoComplete="off" />
        </Field>
      </div>
      {state && (state.ok || !(errors?.amount || errors?.cardNumber)) && <FormMessage state={state} />}
      <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
    </form>
  );
}
