'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { ConfirmSubmitButton } from '@/components/ui/confirm-submit';

/** Auto-renewal on/off for one package (lifecycle.md: any time before expiry). */
export function AutoRenewForm<T>({ packageId, autoRenew, setAutoRenew }: { packageId: string; autoRenew: boolean; setAutoRenew: FormAction<T> }) {
  const t = useTranslations('packages.forms');
  const [state, action] = useActionState(setAutoRenew, null);
  const done = state?.ok ? (state.data as { autoRenew?: boolean } | undefined) : undefined;
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="packageId" value={packageId} />
      <input type="hidden" name="autoRenew" value={autoRenew ? 'false' : 'true'} />
      <SubmitButton variant="secondary" pendingText={t('saving')}>
        {autoRenew ? t('autoRenewOff') : t('autoRenewOn')}
      </SubmitButton>
      {state && <FormMessage state={done ? { ...state, message: done.autoRenew ? t('autoRenewOnDone') : t('autoRenewOffDone') } : state} />}
    </form>
  );
}

/** The five-day refund request of one package, with an optional note for the reviewer. */
export function RefundRequestForm<T>({ packageId, packageLabel, amountLabel, requestRefund }: { packageId: string; packageLabel?: string; amountLabel?: string; requestRefund: FormAction<T> }) {
  const t = useTranslations('packages.forms');
  const [state, action] = useActionState(requestRefund, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  if (state?.ok) return <FormMessage state={{ ...state, message: t('refundRequested') }} />;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="packageId" value={packageId} />
      <div className="min-w-64 flex-1">
        <Field label={t('note')} name={`note-${packageId}`} errors={errors?.note}>
          <Input name="note" id={`note-${packageId}`} placeholder={t('notePlaceholder')} maxLength={500} invalid={!!errors?.note} />
        </Field>
      </div>
      <ConfirmSubmitButton
        variant="secondary"
        pendingText={t('requesting')}
        title={t('refundConfirmTitle')}
        confirmLabel={t('requestRefund')}
        describe={() => <p>{t('refundConfirmBody', { name: packageLabel ?? t('thePackage'), amount: amountLabel ?? 'none' })}</p>}
      >
        {t('requestRefund')}
      </ConfirmSubmitButton>
      {state && !state.ok && (
        <div className="w-full">
          <FormMessage state={state} />
        </div>
      )}
    </form>
  );
}

/** Take back the open refund request (lifecycle.md, Five-day refund: withdraw while open). */
export function WithdrawRefundForm<T>({ requestId, withdrawRefund }: { requestId: string; withdrawRefund: FormAction<T> }) {
  const t = useTranslations('packages.forms');
  const [state, action] = useActionState(withdrawRefund, null);
  if (state?.ok) return <FormMessage state={{ ...state, message: t('withdrawn') }} />;
  return (
    <form action={action} className="flex flex-wrap items-center gap-3" data-testid="withdraw-refund-form">
      <input type="hidden" name="requestId" value={requestId} />
      <SubmitButton variant="secondary" pendingText={t('withdrawing')}>
        {t('withdraw')}
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
