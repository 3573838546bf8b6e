'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { ConfirmSubmitButton } from '@/components/ui/confirm-submit';

/** Auto-renewal on/off for one package (lifecycle.md: any time before expiry). */
export function AutoRenewForm<T>({ packageId, autoRenew, setAutoRenew }: { packageId: string; autoRenew: boolean; setAutoRenew: FormAction<T> }) {
  const [state, action] = useActionState(setAutoRenew, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="packageId" value={packageId} />
      <input type="hidden" name="autoRenew" value={autoRenew ? 'false' : 'true'} />
      <SubmitButton variant="secondary" pendingText="Saving…">
        {autoRenew ? 'Turn off auto-renewal' : 'Turn on auto-renewal'}
      </SubmitButton>
      {state && <FormMessage state={state} />}
    </form>
  );
}

/** The five-day refund request of one package, with an optional note for the reviewer. */
export function RefundRequestForm<T>({ packageId, packageLabel, amountLabel, requestRefund }: { packageId: string; packageLabel?: string; amountLabel?: string; requestRefund: FormAction<T> }) {
  const [state, action] = useActionState(requestRefund, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="packageId" value={packageId} />
      <div className="min-w-64 flex-1">
        <Field label="Note for the reviewer (optional)" name={`note-${packageId}`} errors={errors?.note}>
          <Input name="note" id={`note-${packageId}`} placeholder="Bought for the wrong application" maxLength={500} invalid={!!errors?.note} />
        </Field>
      </div>
      <ConfirmSubmitButton
        variant="secondary"
        pendingText="Requesting…"
        title="Request a refund?"
        confirmLabel="Request refund"
        describe={() => (
          <p>
            {packageLabel ?? 'The package'} goes to review{amountLabel ? ` for a refund of ${amountLabel}` : ''}. Until it is decided the package keeps running; if it is approved,
            the package ends and the amount returns to your balance. You can withdraw the request while it is open.
          </p>
        )}
      >
        Request refund
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
  const [state, action] = useActionState(withdrawRefund, null);
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <form action={action} className="flex flex-wrap items-center gap-3" data-testid="withdraw-refund-form">
      <input type="hidden" name="requestId" value={requestId} />
      <SubmitButton variant="secondary" pendingText="Withdrawing…">
        Withdraw request
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
