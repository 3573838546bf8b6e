'use client';

import { useActionState } from 'react';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export function ChangePasswordForm<T>({ changePasswordAction }: { changePasswordAction: FormAction<T> }) {
  const [state, action] = useActionState(changePasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-5" noValidate>
      <Field label="Current password" name="currentPassword" errors={errors?.currentPassword}>
        <Input name="currentPassword" type="password" autoComplete="current-password" required invalid={!!errors?.currentPassword} />
      </Field>
      <Field label="New password" name="newPassword" errors={errors?.newPassword}>
        <Input name="newPassword" type="password" autoComplete="new-password" required invalid={!!errors?.newPassword} />
      </Field>
      {state && !state.ok && !errors && <FormMessage state={state} />}
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}
