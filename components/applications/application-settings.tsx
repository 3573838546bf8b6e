'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { ConfirmSubmitButton } from '@/components/ui/confirm-submit';

export function RenameApplicationForm<T0>({ applicationId, name, renameApplicationAction }: { applicationId: string; name: string; renameApplicationAction: FormAction<T0> }) {
  const t = useTranslations('applications.settings');
  const [state, action] = useActionState(renameApplicationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="applicationId" value={applicationId} />
      <Field label={t('name')} name="name" errors={errors?.name}>
        <Input name="name" defaultValue={state && !state.ok ? state.values?.name : name} invalid={!!errors?.name} autoComplete="off" />
      </Field>
      {state && (state.ok || !errors?.name) && <FormMessage state={state.ok ? { ...state, message: t('renamed', { name: (state.data as { name?: string } | undefined)?.name ?? '' }) } : state} />}
      <SubmitButton variant="secondary" pendingText={t('saving')}>
        {t('rename')}
      </SubmitButton>
    </form>
  );
}

export function ToggleApplicationForm<T0>({ applicationId, enabled, setApplicationEnabledAction }: { applicationId: string; enabled: boolean; setApplicationEnabledAction: FormAction<T0> }) {
  const t = useTranslations('applications.settings');
  const [state, action] = useActionState(setApplicationEnabledAction, null);
  const done = state?.ok ? (state.data as { enabled?: boolean } | undefined) : undefined;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="enabled" value={enabled ? 'false' : 'true'} />
      <p className="text-sm text-slate-600">
        {enabled ? t('disableExplain') : t('disabledExplain')}
      </p>
      {state && <FormMessage state={done ? { ...state, message: done.enabled ? t('enabledDone') : t('disabledDone') } : state} />}
      {enabled ? (
        <ConfirmSubmitButton
          variant="secondary"
          confirmVariant="danger"
          pendingText={t('disabling')}
          title={t('disableConfirmTitle')}
          confirmLabel={t('disableApplication')}
          describe={() => <p>{t('disableConfirmBody')}</p>}
        >
          {t('disableApplication')}
        </ConfirmSubmitButton>
      ) : (
        <SubmitButton pendingText={t('enabling')}>{t('enableApplication')}</SubmitButton>
      )}
    </form>
  );
}

export function DeleteApplicationForm<T0>({ applicationId, name, blockedReason, deleteApplicationAction }: { applicationId: string; name: string; blockedReason: string | null; deleteApplicationAction: FormAction<T0> }) {
  const t = useTranslations('applications.settings');
  const [state, action] = useActionState(deleteApplicationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  if (blockedReason) return <p className="text-sm text-slate-600" data-testid="delete-blocked">{blockedReason}</p>;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="applicationId" value={applicationId} />
      <p className="text-sm text-slate-600">{t('deleteExplain')}</p>
      <Field label={t('typeToConfirm', { name })} name="confirmName" errors={errors?.confirmName}>
        <Input name="confirmName" invalid={!!errors?.confirmName} autoComplete="off" />
      </Field>
      {state && !state.ok && !errors?.confirmName && <FormMessage state={state} />}
      <SubmitButton variant="danger" pendingText={t('deleting')}>
        {t('deleteApplication')}
      </SubmitButton>
    </form>
  );
}
