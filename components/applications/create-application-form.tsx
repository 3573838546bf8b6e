'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { SecretKeyBox } from './secret-key-box';

export function CreateApplicationForm({ createApplicationAction }: { createApplicationAction: FormAction<{ sdkAppId: number; name: string; secretKey: string }> }) {
  const t = useTranslations('applications.create');
  const [state, action] = useActionState(createApplicationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-start gap-3" noValidate>
        <div className="min-w-64 flex-1">
          <Field label={t('nameLabel')} name="name" errors={errors?.name} hint={t('nameHint')}>
            <Input name="name" placeholder={t('namePlaceholder')} defaultValue={values?.name} invalid={!!errors?.name} autoComplete="off" />
          </Field>
        </div>
        <div className="pt-6">
          <SubmitButton pendingText={t('creating')}>{t('submit')}</SubmitButton>
        </div>
      </form>
      {state && !state.ok && !state.fieldErrors && <FormMessage state={state} />}
      {state?.ok && (
        <div className="space-y-3">
          <FormMessage state={{ ...state, message: t('created', { name: state.data.name, sdkAppId: String(state.data.sdkAppId) }) }} />
          <SecretKeyBox sdkAppId={state.data.sdkAppId} secretKey={state.data.secretKey} />
        </div>
      )}
    </div>
  );
}
