'use client';

import { useActionState } from 'react';
import { Field, Input, Textarea } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { ConfirmSubmitButton } from '@/components/ui/confirm-submit';
import type { FormAction } from '@/lib/actions/types';

export function AdjustBalanceForm<T>({ accountId, idempotencyKey, currency, accountName, adjustBalanceAction }: { accountId: string; idempotencyKey: string; currency: string; accountName?: string; adjustBalanceAction: FormAction<T> }) {
  const [state, action] = useActionState(adjustBalanceAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-3" noValidate data-testid="adjust-balance-form">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} readOnly />
      <Field label={`Amount (${currency})`} name="amount" errors={errors?.amount} hint="Positive credits, negative debits, e.g. 20 or -12.50.">
        <Input name="amount" inputMode="decimal" defaultValue={values?.amount} invalid={!!errors?.amount} autoComplete="off" />
      </Field>
      <Field label="Reason" name="adjust-reason" errors={errors?.reason} hint="Required; kept in the audit log and shown to the customer.">
        <Textarea name="reason" id="adjust-reason" rows={2} defaultValue={values?.reason} invalid={!!errors?.reason} />
      </Field>
      {state && (state.ok || !(errors?.amount || errors?.reason)) && <FormMessage state={state} />}
      <ConfirmSubmitButton
        pendingText="Adjusting…"
        title="Adjust the balance?"
        confirmLabel="Adjust balance"
        describe={(f) => {
          const amount = String(f.get('amount') ?? '').trim();
          const debit = amount.startsWith('-');
          return (
            <>
              <p>
                {amount ? `${debit ? 'Debit' : 'Credit'} ${debit ? amount.slice(1) : amount} ${currency} ${debit ? 'from' : 'to'} ${accountName ?? 'this account'}` : 'No amount entered yet; the adjustment will be refused'}.
                {' '}A ledger row is written at once and the customer is told, with the reason.
              </p>
              {debit && <p>A debit can make the balance negative, and the account overdue.</p>}
            </>
          );
        }}
      >
        Adjust balance
      </ConfirmSubmitButton>
    </form>
  );
}

/** `suspensionAction`: suspendForViolationAction for mode 'suspend', liftSuspensionAction for 'lift'. */
export function SuspensionForm<T>({ accountId, mode, suspensionAction }: { accountId: string; mode: 'suspend' | 'lift'; suspensionAction: FormAction<T> }) {
  const [state, action] = useActionState(suspensionAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" noValidate data-testid={`${mode}-form`}>
      <input type="hidden" name="accountId" value={accountId} />
      <Field label={mode === 'suspend' ? 'Violation' : 'Why it is lifted'} name={`${mode}-reason`} errors={errors?.reason} hint="Required; kept in the audit log and the status history.">
        <Textarea name="reason" id={`${mode}-reason`} rows={2} invalid={!!errors?.reason} />
      </Field>
      {state && (state.ok || !errors?.reason) && <FormMessage state={state} />}
      <ConfirmSubmitButton
        variant={mode === 'suspend' ? 'danger' : 'primary'}
        pendingText={mode === 'suspend' ? 'Suspending…' : 'Lifting…'}
        title={mode === 'suspend' ? 'Suspend this account for a violation?' : 'Lift the suspension?'}
        confirmLabel={mode === 'suspend' ? 'Suspend account' : 'Lift suspension'}
        describe={() =>
          mode === 'suspend' ? (
            <p>
              Every application of the account stops at once, the usage API refuses its records, the customer&apos;s sessions end and the console is limited to billing
              until the suspension is lifted. The customer is told, with the reason.
            </p>
          ) : (
            <p>The account&apos;s applications resume and the customer is told. The reason is kept in the audit log and the status history.</p>
          )
        }
      >
        {mode === 'suspend' ? 'Suspend for violation' : 'Lift suspension'}
      </ConfirmSubmitButton>
    </form>
  );
}

export function RefundDecisionForm<T>({ requestId, amountLabel, appLabel, decideRefundAction }: { requestId: string; amountLabel?: string; appLabel?: string; decideRefundAction: FormAction<T> }) {
  const [state, action] = useActionState(decideRefundAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" noValidate data-testid={`decide-${requestId}`}>
      <input type="hidden" name="requestId" value={requestId} />
      <Field label="Reason" name={`reason-${requestId}`} errors={errors?.reason} hint="Required for both decisions; the customer sees it.">
        <Textarea name="reason" id={`reason-${requestId}`} rows={2} invalid={!!errors?.reason} />
      </Field>
      {state && !state.ok && !errors?.reason && <FormMessage state={state} />}
      <div className="flex gap-2">
        <ConfirmSubmitButton
          name="decision"
          value="approve"
          pendingText="Deciding…"
          title="Approve the refund?"
          confirmLabel="Approve refund"
          describe={() => (
            <p>
              {amountLabel ? `${amountLabel} goes back to the customer's balance` : 'The amount goes back to the customer\'s balance'} at once (a ledger row), the package ends
              {appLabel ? ` on ${appLabel}` : ''} and the customer is told, with the reason. This cannot be undone.
            </p>
          )}
        >
          Approve refund
        </ConfirmSubmitButton>
        <ConfirmSubmitButton
          name="decision"
          value="reject"
          variant="secondary"
          confirmVariant="danger"
          pendingText="Deciding…"
          title="Reject the refund?"
          confirmLabel="Reject refund"
          describe={() => <p>Nothing is refunded; the package keeps running. The customer is told, with the reason. This cannot be undone.</p>}
        >
          Reject
        </ConfirmSubmitButton>
      </div>
    </form>
  );
}
