'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/types';
import { Badge } from '@/components/ui/badge';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { EmailKindGroup } from '@/lib/notice-settings/kinds';

/** Add a billing contact (issue 10, Email: up to five addresses). */
export function AddContactForm<T0>({ full, addBillingContactAction }: { full: boolean; addBillingContactAction: FormAction<T0> }) {
  const [state, action] = useActionState(addBillingContactAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-3" noValidate data-testid="add-contact-form">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <Field label="Email address" name="email" errors={errors?.email} hint={full ? 'Five contacts is the most: remove one to add another.' : undefined}>
            <Input name="email" type="email" placeholder="billing@example.com" defaultValue={values?.email ?? ''} invalid={!!errors?.email} autoComplete="email" disabled={full} />
          </Field>
        </div>
        <div className="pt-7">
          <SubmitButton pendingText="Adding…" disabled={full}>
            Add contact
          </SubmitButton>
        </div>
      </div>
      {state && (state.ok || !errors?.email) && <FormMessage state={state} />}
    </form>
  );
}

/** Remove one contact, after a confirmation. */
export function RemoveContactButton<T0>({ contactId, email, removeBillingContactAction }: { contactId: number; email: string; removeBillingContactAction: FormAction<T0> }) {
  const [state, action] = useActionState(removeBillingContactAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm(`Stop sending notice emails to ${email}?`)) e.preventDefault();
      }}
      className="flex items-center gap-3"
    >
      <input type="hidden" name="contactId" value={contactId} readOnly />
      {state && !state.ok && <FormMessage state={state} />}
      <SubmitButton variant="ghost" pendingText="Removing…" className="px-2 py-1 text-rose-700">
        Remove<span className="sr-only"> {email}</span>
      </SubmitButton>
    </form>
  );
}

/** Which notices are emailed; account-status ones are shown checked and cannot be switched off (lifecycle.md, Notices). */
export function EmailKindsForm<T0>({ groups, optedOut, setEmailKindsAction }: { groups: EmailKindGroup[]; optedOut: string[]; setEmailKindsAction: FormAction<T0> }) {
  const [state, action] = useActionState(setEmailKindsAction, null);
  const off = new Set(optedOut);
  return (
    <form action={action} className="space-y-5" data-testid="email-kinds-form">
      <div className="grid gap-5 sm:grid-cols-2">
        {groups.map((g) => (
          <fieldset key={g.label} className="space-y-2">
            <legend className="mb-1 flex items-center gap-2 text-sm font-semibold text-slate-900">
              {g.label}
              {g.alwaysOn && <Badge tone="indigo">Always on</Badge>}
            </legend>
            {g.kinds.map((k) => (
              <label key={k.kind} className="flex items-start gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  name="kinds"
                  value={k.kind}
                  defaultChecked={g.alwaysOn || !off.has(k.kind)}
                  disabled={g.alwaysOn}
                  className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600 disabled:opacity-60"
                />
                <span>
                  {k.label}
                  <span className="ml-1 font-mono text-xs text-slate-500">{k.kind}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {state && <FormMessage state={state} />}
      <SubmitButton pendingText="Saving…">Save email choices</SubmitButton>
    </form>
  );
}
