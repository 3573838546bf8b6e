'use client';

import { useActionState } from 'react';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export function SignUpForm<T>({ signUpAction }: { signUpAction: FormAction<T> }) {
  const [state, action] = useActionState(signUpAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-5" noValidate>
      <Field label="Company or your name" name="name" errors={errors?.name}>
        <Input name="name" autoComplete="organization" required defaultValue={values?.name} invalid={!!errors?.name} />
      </Field>
      <Field label="Email" name="email" errors={errors?.email}>
        <Input name="email" type="email" autoComplete="email" required defaultValue={values?.email} invalid={!!errors?.email} />
      </Field>
      <Field label="Password" name="password" errors={errors?.password} hint="At least 12 characters; not your email, your name or a common password.">
        <Input name="password" type="password" autoComplete="new-password" required invalid={!!errors?.password} />
      </Field>
      <Field label="Billing currency" name="currency" errors={errors?.currency} hint="Fixed once the account exists: USD bills by the 2024 price book, CNY by the 2022 one.">
        <Select name="currency" defaultValue={values?.currency ?? 'USD'} invalid={!!errors?.currency}>
          <option value="USD">USD — TRTC 2024 price book</option>
          <option value="CNY">CNY — TRTC 2022 price book</option>
        </Select>
      </Field>
      {state && !state.ok && !state.fieldErrors && <FormMessage state={state} />}
      <SubmitButton className="w-full" pendingText="Creating account…">
        Create account
      </SubmitButton>
    </form>
  );
}
