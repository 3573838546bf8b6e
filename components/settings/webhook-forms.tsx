'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { OneTimeSecret } from '@/components/ui/one-time-secret';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** Add an endpoint; on success its signing secret is shown this once (issue 10, Webhooks). */
export function CreateEndpointForm<T0 extends { url: string; secret: string }>({ full, httpAllowed, createWebhookEndpointAction }: { full: boolean; httpAllowed: boolean; createWebhookEndpointAction: FormAction<T0> }) {
  const t = useTranslations('settings.webhooks.forms');
  const [state, action] = useActionState(createWebhookEndpointAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <div className="space-y-4">
      {state?.ok && <EndpointSecretBox url={state.data.url} secret={state.data.secret} />}
      <form action={action} className="space-y-4" noValidate data-testid="create-endpoint-form">
        <Field
          label={t('url')}
          name="url"
          errors={errors?.url}
          hint={full ? t('full') : httpAllowed ? t('httpAllowed') : t('httpsOnly')}
        >
          <Input name="url" type="url" placeholder="https://example.com/webhooks/trtc" defaultValue={values?.url ?? ''} invalid={!!errors?.url} autoComplete="off" disabled={full} />
        </Field>
        <Field label={t('description')} name="description" errors={errors?.description}>
          <Input name="description" placeholder={t('descriptionPlaceholder')} defaultValue={values?.description ?? ''} invalid={!!errors?.description} autoComplete="off" disabled={full} />
        </Field>
        {state && !state.ok && !errors?.url && !errors?.description && <FormMessage state={state} />}
        <SubmitButton pendingText={t('adding')} disabled={full}>
          {t('add')}
        </SubmitButton>
      </form>
    </div>
  );
}

function EndpointSecretBox({ url, secret }: { url: string; secret: string }) {
  const t = useTranslations('settings.webhooks.forms');
  return (
    <OneTimeSecret label={t('secretLabel')} heading={t('secretHeading')} secret={secret} testId="webhook-secret-box" secretTestId="webhook-secret">
      {t.rich('secretBody', { url, mono: (chunks) => <span className="font-mono">{chunks}</span> })}
    </OneTimeSecret>
  );
}

/** Send a test event now; the outcome (status code, latency) shows beside it. */
export function SendTestButton<T0 extends { outcome: string }>({ endpointId, sendWebhookTestAction }: { endpointId: number; sendWebhookTestAction: FormAction<T0> }) {
  const t = useTranslations('settings.webhooks.forms');
  const [state, action] = useActionState(sendWebhookTestAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="endpointId" value={endpointId} readOnly />
      <SubmitButton variant="secondary" pendingText={t('sending')} className="px-2.5 py-1.5 text-xs">
        {t('sendTest')}
      </SubmitButton>
      {state && <ResultNote state={state} what="test" ok={state.ok && state.data.outcome === 'delivered'} />}
    </form>
  );
}

export function EnableEndpointButton<T0>({ endpointId, enableWebhookEndpointAction }: { endpointId: number; enableWebhookEndpointAction: FormAction<T0> }) {
  const t = useTranslations('settings.webhooks.forms');
  const [state, action] = useActionState(enableWebhookEndpointAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="endpointId" value={endpointId} readOnly />
      <SubmitButton pendingText={t('enabling')} className="px-2.5 py-1.5 text-xs">
        {t('enable')}
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

export function DeleteEndpointButton<T0>({ endpointId, url, redirectTo, deleteWebhookEndpointAction }: { endpointId: number; url: string; redirectTo?: string; deleteWebhookEndpointAction: FormAction<T0> }) {
  const t = useTranslations('settings.webhooks.forms');
  const [state, action] = useActionState(async (prev: Awaited<ReturnType<typeof deleteWebhookEndpointAction>> | null, fd: FormData) => {
    const r = await deleteWebhookEndpointAction(prev, fd);
    if (r.ok && redirectTo) window.location.assign(redirectTo);
    return r;
  }, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm(t('deleteConfirm', { url }))) e.preventDefault();
      }}
      className="flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="endpointId" value={endpointId} readOnly />
      <SubmitButton variant="ghost" pendingText={t('deleting')} className="px-2.5 py-1.5 text-xs text-rose-700">
        {t('delete')}
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

/** Send one delivery again now (same webhook-id, so the receiver can tell it is the same event). */
export function ResendDeliveryButton<T0 extends { outcome: string }>({ deliveryId, resendDeliveryAction }: { deliveryId: number; resendDeliveryAction: FormAction<T0> }) {
  const t = useTranslations('settings.webhooks.forms');
  const [state, action] = useActionState(resendDeliveryAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="deliveryId" value={deliveryId} readOnly />
      {state && <ResultNote state={state} what="resend" ok={state.ok && state.data.outcome === 'delivered'} />}
      <SubmitButton variant="secondary" pendingText={t('sending')} className="px-2 py-1 text-xs">
        {t('resend')}
      </SubmitButton>
    </form>
  );
}

/** The outcome of a send, said from the run itself (app/(console)/settings/actions.ts runMessage is its English). */
function ResultNote({ state, ok, what }: { state: { ok: boolean; message?: string; data?: unknown }; ok: boolean; what: 'test' | 'resend' }) {
  const t = useTranslations('settings.webhooks.forms');
  const run = state.ok ? (state.data as { outcome?: string; statusCode?: number | null; error?: string | null; latencyMs?: number } | undefined) : undefined;
  const message =
    run?.outcome && run.latencyMs !== undefined
      ? run.outcome === 'delivered'
        ? t('runDelivered', { what, status: String(run.statusCode ?? ''), ms: String(run.latencyMs) })
        : t('runFailed', { what, answer: run.statusCode ? `HTTP ${run.statusCode}` : (run.error ?? t('noAnswer')), ms: String(run.latencyMs) })
      : state.message;
  if (!message) return null;
  return (
    <span role={ok ? 'status' : 'alert'} className={ok ? 'text-xs text-emerald-700' : 'text-xs text-rose-700'}>
      {message}
    </span>
  );
}
