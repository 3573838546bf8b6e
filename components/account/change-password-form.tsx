'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export function ChangePasswordForm<T>({ changePasswordAction }: { changePasswordAction: FormAction<T> }) {
  const t = useTranslations('account.password');
  const [state, action] = useActionState(changePasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-5" noValidate>
      <Field label={t('current')} name="currentPassword" errors={errors?.currentPassword}>
        <Input name="currentPassword" type="password" autoComplete="current-password" required invalid={!!errors?.currentPassword} />
      </Field>
      <Field label={t('new')} name="newPassword" errors={errors?.newPassword}>
        <Input name="newPassword" type="password" autoComplete="new-password" required invalid={!!errors?.newPassword} />
      </Field>
      {state && !state.ok && !errors && <FormMessage state={state} />}
      <SubmitButton pendingText={t('pending')}>{t('submit')}</SubmitButton>
    </form>
  );
}
