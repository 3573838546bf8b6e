'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { Badge } from '@/components/ui/badge';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { EmailKindGroup } from '@/lib/notice-settings/kinds';

/** Add a billing contact (issue 10, Email: up to five addresses). */
export function AddContactForm<T0>({ full, addBillingContactAction }: { full: boolean; addBillingContactAction: FormAction<T0> }) {
  const t = useTranslations('settings.notifications.forms');
  const [state, action] = useActionState(addBillingContactAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const added = state?.ok ? (state.data as { email?: string } | undefined)?.email : undefined;
  return (
    <form action={action} className="space-y-3" noValidate data-testid="add-contact-form">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <Field label={t('email')} name="email" errors={errors?.email} hint={full ? t('full') : undefined}>
            <Input name="email" type="email" placeholder="billing@example.com" defaultValue={values?.email ?? ''} invalid={!!errors?.email} autoComplete="email" disabled={full} />
          </Field>
        </div>
        <div className="pt-7">
          <SubmitButton pendingText={t('adding')} disabled={full}>
            {t('add')}
          </SubmitButton>
        </div>
      </div>
      {state && (state.ok || !errors?.email) && <FormMessage state={state.ok && added ? { ...state, message: t('added', { email: added }) } : state} />}
    </form>
  );
}

/** Remove one contact, after a confirmation. */
export function RemoveContactButton<T0>({ contactId, email, removeBillingContactAction }: { contactId: number; email: string; removeBillingContactAction: FormAction<T0> }) {
  const t = useTranslations('settings.notifications.forms');
  const [state, action] = useActionState(removeBillingContactAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm(t('removeConfirm', { email }))) e.preventDefault();
      }}
      className="flex items-center gap-3"
    >
      <input type="hidden" name="contactId" value={contactId} readOnly />
      {state && !state.ok && <FormMessage state={state} />}
      <SubmitButton variant="ghost" pendingText={t('removing')} className="px-2 py-1 text-rose-700">
        {t('remove')}
        <span className="sr-only"> {email}</span>
      </SubmitButton>
    </form>
  );
}

/** Which notices are emailed; account-status ones are shown checked and cannot be switched off (lifecycle.md, Notices). */
export function EmailKindsForm<T0>({ groups, optedOut, setEmailKindsAction }: { groups: EmailKindGroup[]; optedOut: string[]; setEmailKindsAction: FormAction<T0> }) {
  const t = useTranslations('settings.notifications.forms');
  const tg = useTranslations('messageCenter.groups');
  const tk = useTranslations('settings.kinds') as unknown as { (key: string): string; has(key: string): boolean };
  const [state, action] = useActionState(setEmailKindsAction, null);
  const off = new Set(optedOut);
  const saved = state?.ok ? (state.data as { off?: number } | undefined)?.off : undefined;
  return (
    <form action={action} className="space-y-5" data-testid="email-kinds-form">
      <div className="grid gap-5 sm:grid-cols-2">
        {groups.map((g) => (
          <fieldset key={g.label} className="space-y-2">
            <legend className="mb-1 flex items-center gap-2 text-sm font-semibold text-slate-900">
              {tg(g.group)}
              {g.alwaysOn && <Badge tone="indigo">{t('alwaysOn')}</Badge>}
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
                  {tk.has(k.kind) ? tk(k.kind) : k.label}
                  <span className="ml-1 font-mono text-xs text-slate-500">{k.kind}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {state && <FormMessage state={saved !== undefined ? { ...state, message: t('saved', { count: saved }) } : state} />}
      <SubmitButton pendingText={t('saving')}>{t('save')}</SubmitButton>
    </form>
  );
}
