'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, Input, Textarea } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { ConfirmSubmitButton } from '@/components/ui/confirm-submit';
import type { FormAction } from '@/lib/actions/types';

export function AdjustBalanceForm<T>({ accountId, idempotencyKey, currency, accountName, adjustBalanceAction }: { accountId: string; idempotencyKey: string; currency: string; accountName?: string; adjustBalanceAction: FormAction<T> }) {
  const t = useTranslations('admin.forms');
  const [state, action] = useActionState(adjustBalanceAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-3" noValidate data-testid="adjust-balance-form">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} readOnly />
      <Field label={t('amount', { currency })} name="amount" errors={errors?.amount} hint={t('amountHint')}>
        <Input name="amount" inputMode="decimal" defaultValue={values?.amount} invalid={!!errors?.amount} autoComplete="off" />
      </Field>
      <Field label={t('reason')} name="adjust-reason" errors={errors?.reason} hint={t('reasonHint')}>
        <Textarea name="reason" id="adjust-reason" rows={2} defaultValue={values?.reason} invalid={!!errors?.reason} />
      </Field>
      {state && (state.ok || !(errors?.amount || errors?.reason)) && <FormMessage state={state} />}
      <ConfirmSubmitButton
        pendingText={t('adjusting')}
        title={t('adjustTitle')}
        confirmLabel={t('adjust')}
        describe={(f) => {
          const amount = String(f.get('amount') ?? '').trim();
          const debit = amount.startsWith('-');
          return (
            <>
              <p>
                {amount
                  ? t(debit ? 'adjustDebit' : 'adjustCredit', { amount: debit ? amount.slice(1) : amount, currency, account: accountName ?? t('thisAccount') })
                  : t('adjustNoAmount')}{' '}
                {t('adjustLedger')}
              </p>
              {debit && <p>{t('adjustDebitWarning')}</p>}
            </>
          );
        }}
      >
        {t('adjust')}
      </ConfirmSubmitButton>
    </form>
  );
}

/** `suspensionAction`: suspendForViolationAction for mode 'suspend', liftSuspensionAction for 'lift'. */
export function SuspensionForm<T>({ accountId, mode, suspensionAction }: { accountId: string; mode: 'suspend' | 'lift'; suspensionAction: FormAction<T> }) {
  const t = useTranslations('admin.forms');
  const [state, action] = useActionState(suspensionAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" noValidate data-testid={`${mode}-form`}>
      <input type="hidden" name="accountId" value={accountId} />
      <Field label={mode === 'suspend' ? t('violation') : t('liftReason')} name={`${mode}-reason`} errors={errors?.reason} hint={t('suspensionReasonHint')}>
        <Textarea name="reason" id={`${mode}-reason`} rows={2} invalid={!!errors?.reason} />
      </Field>
      {state && (state.ok || !errors?.reason) && <FormMessage state={state} />}
      <ConfirmSubmitButton
        variant={mode === 'suspend' ? 'danger' : 'primary'}
        pendingText={mode === 'suspend' ? t('suspending') : t('lifting')}
        title={mode === 'suspend' ? t('suspendTitle') : t('liftTitle')}
        confirmLabel={mode === 'suspend' ? t('suspendConfirm') : t('liftConfirm')}
        describe={() =>
          mode === 'suspend' ? <p>{t('suspendDescribe')}</p> : <p>{t('liftDescribe')}</p>
        }
      >
        {mode === 'suspend' ? t('suspendButton') : t('liftButton')}
      </ConfirmSubmitButton>
    </form>
  );
}

export function RefundDecisionForm<T>({ requestId, amountLabel, appLabel, decideRefundAction }: { requestId: string; amountLabel?: string; appLabel?: string; decideRefundAction: FormAction<T> }) {
  const t = useTranslations('admin.forms');
  const [state, action] = useActionState(decideRefundAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" noValidate data-testid={`decide-${requestId}`}>
      <input type="hidden" name="requestId" value={requestId} />
      <Field label={t('reason')} name={`reason-${requestId}`} errors={errors?.reason} hint={t('refundReasonHint')}>
        <Textarea name="reason" id={`reason-${requestId}`} rows={2} invalid={!!errors?.reason} />
      </Field>
      {state && !state.ok && !errors?.reason && <FormMessage state={state} />}
      <div className="flex gap-2">
        <ConfirmSubmitButton
          name="decision"
          value="approve"
          pendingText={t('deciding')}
          title={t('approveTitle')}
          confirmLabel={t('approveConfirm')}
          describe={() => (
            <p>{appLabel ? t('approveDescribe', { amount: amountLabel ?? t('theAmount'), app: appLabel }) : t('approveDescribeNoApp', { amount: amountLabel ?? t('theAmount') })}</p>
          )}
        >
          {t('approveButton')}
        </ConfirmSubmitButton>
        <ConfirmSubmitButton
          name="decision"
          value="reject"
          variant="secondary"
          confirmVariant="danger"
          pendingText={t('deciding')}
          title={t('rejectTitle')}
          confirmLabel={t('rejectConfirm')}
          describe={() => <p>{t('rejectDescribe')}</p>}
        >
          {t('rejectButton')}
        </ConfirmSubmitButton>
      </div>
    </form>
  );
}
