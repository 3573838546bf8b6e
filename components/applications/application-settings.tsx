'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { ConfirmSubmitButton } from '@/components/ui/confirm-submit';

export function RenameApplicationForm<T0>({ applicationId, name, renameApplicationAction }: { applicationId: string; name: string; renameApplicationAction: FormAction<T0> }) {
  const [state, action] = useActionState(renameApplicationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="applicationId" value={applicationId} />
      <Field label="Name" name="name" errors={errors?.name}>
        <Input name="name" defaultValue={state && !state.ok ? state.values?.name : name} invalid={!!errors?.name} autoComplete="off" />
      </Field>
      {state && (state.ok || !errors?.name) && <FormMessage state={state} />}
      <SubmitButton variant="secondary" pendingText="Saving…">
        Rename
      </SubmitButton>
    </form>
  );
}

export function ToggleApplicationForm<T0>({ applicationId, enabled, setApplicationEnabledAction }: { applicationId: string; enabled: boolean; setApplicationEnabledAction: FormAction<T0> }) {
  const [state, action] = useActionState(setApplicationEnabledAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="enabled" value={enabled ? 'false' : 'true'} />
      <p className="text-sm text-slate-600">
        {enabled
          ? 'Disabling stops the application: the usage API refuses its records until you enable it again. Packages keep running and are not refunded.'
          : 'The application is disabled by hand. Enable it to resume service.'}
      </p>
      {state && <FormMessage state={state} />}
      {enabled ? (
        <ConfirmSubmitButton
          variant="secondary"
          confirmVariant="danger"
          pendingText="Disabling…"
          title="Disable this application?"
          confirmLabel="Disable application"
          describe={() => (
            <p>
              The application stops at once: the usage API refuses its records until you enable it again. Its packages keep running (their days are not
              refunded).
            </p>
          )}
        >
          Disable application
        </ConfirmSubmitButton>
      ) : (
        <SubmitButton pendingText="Enabling…">Enable application</SubmitButton>
      )}
    </form>
  );
}

export function DeleteApplicationForm<T0>({ applicationId, name, blockedReason, deleteApplicationAction }: { applicationId: string; name: string; blockedReason: string | null; deleteApplicationAction: FormAction<T0> }) {
  const [state, action] = useActionState(deleteApplicationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  if (blockedReason) return <p className="text-sm text-slate-600" data-testid="delete-blocked">{blockedReason}</p>;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="applicationId" value={applicationId} />
      <p className="text-sm text-slate-600">Nothing was billed or runs on this application, so it can be deleted. Its SDKAppID is never reused.</p>
      <Field label={`Type "${name}" to confirm`} name="confirmName" errors={errors?.confirmName}>
        <Input name="confirmName" invalid={!!errors?.confirmName} autoComplete="off" />
      </Field>
      {state && !state.ok && !errors?.confirmName && <FormMessage state={state} />}
      <SubmitButton variant="danger" pendingText="Deleting…">
        Delete application
      </SubmitButton>
    </form>
  );
}
