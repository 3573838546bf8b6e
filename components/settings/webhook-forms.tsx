'use client';

import { useActionState } from 'react';
import { OneTimeSecret } from '@/components/ui/one-time-secret';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

/** Add an endpoint; on success its signing secret is shown this once (issue 10, Webhooks). */
export function CreateEndpointForm<T0 extends { url: string; secret: string }>({ full, httpAllowed, createWebhookEndpointAction }: { full: boolean; httpAllowed: boolean; createWebhookEndpointAction: FormAction<T0> }) {
  const [state, action] = useActionState(createWebhookEndpointAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <div className="space-y-4">
      {state?.ok && <EndpointSecretBox url={state.data.url} secret={state.data.secret} />}
      <form action={action} className="space-y-4" noValidate data-testid="create-endpoint-form">
        <Field
          label="Endpoint URL"
          name="url"
          errors={errors?.url}
          hint={full ? 'Five endpoints is the most: delete one to add another.' : httpAllowed ? 'HTTPS; plain http:// is accepted here because this is not production.' : 'Must start with https://.'}
        >
          <Input name="url" type="url" placeholder="https://example.com/webhooks/trtc" defaultValue={values?.url ?? ''} invalid={!!errors?.url} autoComplete="off" disabled={full} />
        </Field>
        <Field label="Description (optional)" name="description" errors={errors?.description}>
          <Input name="description" placeholder="Billing alerts to our on-call bot" defaultValue={values?.description ?? ''} invalid={!!errors?.description} autoComplete="off" disabled={full} />
        </Field>
        {state && !state.ok && !errors?.url && !errors?.description && <FormMessage state={state} />}
        <SubmitButton pendingText="Adding…" disabled={full}>
          Add endpoint
        </SubmitButton>
      </form>
    </div>
  );
}

function EndpointSecretBox({ url, secret }: { url: string; secret: string }) {
  return (
    <OneTimeSecret label="Signing secret" heading="Endpoint added. Copy its signing secret now: it is shown only this once." secret={secret} testId="webhook-secret-box" secretTestId="webhook-secret">
      Verify every request to <span className="font-mono">{url}</span> with it (Standard Webhooks: the headers webhook-id, webhook-timestamp and webhook-signature).
    </OneTimeSecret>
  );
}

/** Send a test event now; the outcome (status code, latency) shows beside it. */
export function SendTestButton<T0 extends { outcome: string }>({ endpointId, sendWebhookTestAction }: { endpointId: number; sendWebhookTestAction: FormAction<T0> }) {
  const [state, action] = useActionState(sendWebhookTestAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="endpointId" value={endpointId} readOnly />
      <SubmitButton variant="secondary" pendingText="Sending…" className="px-2.5 py-1.5 text-xs">
        Send test event
      </SubmitButton>
      {state && <ResultNote state={state} ok={state.ok && state.data.outcome === 'delivered'} />}
    </form>
  );
}

export function EnableEndpointButton<T0>({ endpointId, enableWebhookEndpointAction }: { endpointId: number; enableWebhookEndpointAction: FormAction<T0> }) {
  const [state, action] = useActionState(enableWebhookEndpointAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="endpointId" value={endpointId} readOnly />
      <SubmitButton pendingText="Enabling…" className="px-2.5 py-1.5 text-xs">
        Enable again
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

export function DeleteEndpointButton<T0>({ endpointId, url, redirectTo, deleteWebhookEndpointAction }: { endpointId: number; url: string; redirectTo?: string; deleteWebhookEndpointAction: FormAction<T0> }) {
  const [state, action] = useActionState(async (prev: Awaited<ReturnType<typeof deleteWebhookEndpointAction>> | null, fd: FormData) => {
    const r = await deleteWebhookEndpointAction(prev, fd);
    if (r.ok && redirectTo) window.location.assign(redirectTo);
    return r;
  }, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm(`Delete the endpoint ${url}? Nothing more is sent to it; its waiting deliveries fail. This cannot be undone.`)) e.preventDefault();
      }}
      className="flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="endpointId" value={endpointId} readOnly />
      <SubmitButton variant="ghost" pendingText="Deleting…" className="px-2.5 py-1.5 text-xs text-rose-700">
        Delete
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}

/** Send one delivery again now (same webhook-id, so the receiver can tell it is the same event). */
export function ResendDeliveryButton<T0 extends { outcome: string }>({ deliveryId, resendDeliveryAction }: { deliveryId: number; resendDeliveryAction: FormAction<T0> }) {
  const [state, action] = useActionState(resendDeliveryAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="deliveryId" value={deliveryId} readOnly />
      {state && <ResultNote state={state} ok={state.ok && state.data.outcome === 'delivered'} />}
      <SubmitButton variant="secondary" pendingText="Sending…" className="px-2 py-1 text-xs">
        Resend
      </SubmitButton>
    </form>
  );
}

function ResultNote({ state, ok }: { state: { ok: boolean; message?: string }; ok: boolean }) {
  if (!state.message) return null;
  return (
    <span role={ok ? 'status' : 'alert'} className={ok ? 'text-xs text-emerald-700' : 'text-xs text-rose-700'}>
      {state.message}
    </span>
  );
}
