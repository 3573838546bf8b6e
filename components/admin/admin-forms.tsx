'use client';

import { useActionState } from 'react';
import { adjustBalanceAction, liftSuspensionAction, suspendForViolationAction } from '@/app/(admin)/admin/accounts/actions';
import { decideRefundAction } from '@/app/(admin)/admin/refunds/actions';
import { Field, Input, Textarea } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export function AdjustBalanceForm({ accountId, idempotencyKey, currency }: { accountId: string; idempotencyKey: string; currency: string }) {
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
      <SubmitButton pendingText="Adjusting…">Adjust balance</SubmitButton>
    </form>
  );
}

export function SuspensionForm({ accountId, mode }: { accountId: string; mode: 'suspend' | 'lift' }) {
  const [state, action] = useActionState(mode === 'suspend' ? suspendForViolationAction : liftSuspensionAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" noValidate data-testid={`${mode}-form`}>
      <input type="hidden" name="accountId" value={accountId} />
      <Field label={mode === 'suspend' ? 'Violation' : 'Why it is lifted'} name={`${mode}-reason`} errors={errors?.reason} hint="Required; kept in the audit log and the status history.">
        <Textarea name="reason" id={`${mode}-reason`} rows={2} invalid={!!errors?.reason} />
      </Field>
      {state && (state.ok || !errors?.reason) && <FormMessage state={state} />}
      <SubmitButton variant={mode === 'suspend' ? 'danger' : 'primary'} pendingText={mode === 'suspend' ? 'Suspending…' : 'Lifting…'}>
        {mode === 'suspend' ? 'Suspend for violation' : 'Lift suspension'}
      </SubmitButton>
    </form>
  );
}

export function RefundDecisionForm({ requestId }: { requestId: string }) {
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
        <SubmitButton name="decision" value="approve" pendingText="Deciding…">
          Approve refund
        </SubmitButton>
        <SubmitButton name="decision" value="reject" variant="secondary" pendingText="Deciding…">
          Reject
        </SubmitButton>
      </div>
    </form>
  );
}
