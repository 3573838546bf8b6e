'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** Attach a test clock: now, the next local midnight, or a chosen instant (UTC+8). */
export function AttachClockForm<T0>({ accountId, attachClockAction }: { accountId: string; attachClockAction: FormAction<T0> }) {
  const t = useTranslations('dev.clock');
  const [state, action] = useActionState(attachClockAction, null);
  const [start, setStart] = useState('midnight');
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="accountId" value={accountId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('startAt')} name="start">
          <Select name="start" value={start} onChange={(e) => setStart(e.target.value)}>
            <option value="midnight">{t('midnight')}</option>
            <option value="now">{t('now')}</option>
            <option value="custom">{t('custom')}</option>
          </Select>
        </Field>
        {start === 'custom' && (
          <Field label={t('dateTime')} name="startAt" errors={!state?.ok ? state?.fieldErrors?.startAt : undefined}>
            <Input type="datetime-local" name="startAt" required invalid={!!(!state?.ok && state?.fieldErrors?.startAt)} />
          </Field>
        )}
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingText={t('attaching')}>{t('attach')}</SubmitButton>
    </form>
  );
}

/** +1 hour, +1 day, to the next due job, to a date; each runs what came due before answering. */
export function AdvanceControls<T0 extends { ran: { key: string; kind: string; label: string; outcome: string; summary: string }[] }>({ accountId, advanceClockAction }: { accountId: string; advanceClockAction: FormAction<T0> }) {
  const t = useTranslations('dev.clock');
  const [state, action] = useActionState(advanceClockAction, null);
  const ran = state?.ok ? state.data.ran : [];
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-end gap-2" aria-label={t('advanceLabel')}>
        <input type="hidden" name="accountId" value={accountId} />
        <SubmitButton name="step" value="hour" variant="secondary" pendingText={t('runningJobs')}>
          {t('hour')}
        </SubmitButton>
        <SubmitButton name="step" value="day" variant="secondary" pendingText={t('runningJobs')}>
          {t('day')}
        </SubmitButton>
        <SubmitButton name="step" value="next" variant="secondary" pendingText={t('runningJobs')}>
          {t('next')}
        </SubmitButton>
        <div className="flex min-w-0 max-w-full flex-wrap items-end gap-2 sm:ml-2 sm:border-l sm:border-slate-200 sm:pl-4">
          <Field label={t('to')} name="to" errors={!state?.ok ? state?.fieldErrors?.to : undefined}>
            <Input type="datetime-local" name="to" invalid={!!(!state?.ok && state?.fieldErrors?.to)} />
          </Field>
          <SubmitButton name="step" value="to" pendingText={t('runningJobs')}>
            {t('advance')}
          </SubmitButton>
        </div>
      </form>
      <FormMessage state={state} />
      {ran.length > 0 && (
        <ul className="space-y-1 rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700 ring-1 ring-slate-200" data-testid="advance-ran">
          {ran.map((r) => (
            <li key={r.key} className={r.outcome === 'failed' ? 'text-rose-700' : undefined}>
              <span className="font-medium">{r.label}</span> · {r.summary}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function DetachClockForm<T0>({ accountId, detachClockAction }: { accountId: string; detachClockAction: FormAction<T0> }) {
  const t = useTranslations('dev.clock');
  const [state, action] = useActionState(detachClockAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm(t('detachConfirm'))) e.preventDefault();
      }}
      className="flex items-center gap-3"
    >
      <input type="hidden" name="accountId" value={accountId} />
      <SubmitButton variant="ghost" pendingText={t('detaching')}>
        {t('detach')}
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
