'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { ConfirmSubmitButton } from '@/components/ui/confirm-submit';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { OneTimeSecret } from '@/components/ui/one-time-secret';
import { SubmitButton } from '@/components/ui/submit-button';

/**
 * Create an account usage key (issue 11; docs/usage-api.md): its id and secret are shown
 * once, as an application's secret key is (lifecycle.md, Applications).
 */
export function CreateUsageKeyForm({ createUsageKeyAction }: { createUsageKeyAction: FormAction<{ keyId: string; name: string; secretKey: string }> }) {
  const t = useTranslations('applications.usageKeys');
  const [state, action] = useActionState(createUsageKeyAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-start gap-3" noValidate data-testid="create-usage-key-form">
        <div className="min-w-56 flex-1">
          {/* Its own id: the page's application form has a `name` field too. */}
          <Field label={t('nameLabel')} name="usageKeyName" errors={errors?.name} hint={t('nameHint')}>
            <Input
              id="usageKeyName"
              name="name"
              placeholder={t('namePlaceholder')}
              defaultValue={values?.name}
              invalid={!!errors?.name}
              aria-describedby={errors?.name ? 'usageKeyName-error' : undefined}
              autoComplete="off"
            />
          </Field>
        </div>
        <div className="pt-6">
          <SubmitButton pendingText={t('creating')}>{t('submit')}</SubmitButton>
        </div>
      </form>
      {state && !state.ok && !state.fieldErrors && <FormMessage state={state} />}
      {state?.ok && (
        <div className="space-y-3">
          <FormMessage state={{ ...state, message: t('created', { name: state.data.name }) }} />
          <OneTimeSecret label={t('secretLabel')} heading={t('secretHeading')} secret={state.data.secretKey} testId="usage-key-secret-box" secretTestId="usage-key-secret">
            {t.rich('secretBody', { keyId: state.data.keyId, mono: (chunks) => <span className="font-mono" data-testid="usage-key-id">{chunks}</span> })}
          </OneTimeSecret>
        </div>
      )}
    </div>
  );
}

/** Revoke one key, after a confirmation (it stops a sender at once). */
export function RevokeUsageKeyForm({ keyId, name, revokeUsageKeyAction }: { keyId: string; name: string; revokeUsageKeyAction: FormAction<{ keyId: string; name: string; changed: boolean }> }) {
  const t = useTranslations('applications.usageKeys');
  const [state, action] = useActionState(revokeUsageKeyAction, null);
  return (
    <form action={action} className="space-y-2" data-testid="revoke-usage-key-form">
      <input type="hidden" name="keyId" value={keyId} />
      <ConfirmSubmitButton
        variant="secondary"
        confirmVariant="danger"
        title={t('confirmTitle', { name })}
        describe={() => <p>{t('confirmBody')}</p>}
        confirmLabel={t('confirmLabel')}
        pendingText={t('revoking')}
      >
        {t('revoke')}
      </ConfirmSubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
