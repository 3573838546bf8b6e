'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/lib/actions/types';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { formatLocalDateTime } from '@/lib/time/format';
import { SecretKeyBox } from './secret-key-box';

/**
 * Rotate the secret key (lifecycle.md, Applications): the new key shown once; the old one
 * keeps signing for 24 hours, or stops at once when it leaked.
 */
export function RotateKeyForm({ applicationId, sdkAppId, rotateSecretKeyAction }: { applicationId: string; sdkAppId: number; rotateSecretKeyAction: FormAction<{ sdkAppId: number; secretKey: string; previousHint: string; previousValidUntil: string | null }> }) {
  const [state, action] = useActionState(rotateSecretKeyAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const rotated = state?.ok ? state.data : null;
  return (
    <div className="space-y-4">
      {rotated && (
        <div className="space-y-2" data-testid="rotated">
          <SecretKeyBox sdkAppId={sdkAppId} secretKey={rotated.secretKey} />
          <p className="text-sm text-slate-700" data-testid="old-key-fate">
            {rotated.previousValidUntil
              ? `The old key •••• ${rotated.previousHint} keeps signing until ${formatLocalDateTime(new Date(rotated.previousValidUntil))} (UTC+8), so you can update your clients; then it stops.`
              : `The old key •••• ${rotated.previousHint} stopped at once: requests signed with it are refused.`}
          </p>
        </div>
      )}
      <form action={action} className="space-y-3" noValidate data-testid="rotate-key-form">
        <input type="hidden" name="applicationId" value={applicationId} />
        <fieldset className="space-y-2 text-sm">
          <legend className="font-medium text-slate-800">What happens to the current key</legend>
          <label className="flex items-start gap-2">
            <input type="radio" name="oldKey" value="grace" defaultChecked className="mt-0.5 accent-indigo-600" />
            <span>
              Keep it signing for 24 hours
              <span className="block text-slate-500">While you move your clients to the new key.</span>
            </span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="oldKey" value="stop" className="mt-0.5 accent-rose-600" />
            <span>
              It leaked: stop it now
              <span className="block text-slate-500">Requests signed with it are refused at once.</span>
            </span>
          </label>
          {errors?.oldKey && (
            <p className="text-rose-700" role="alert">
              {errors.oldKey.join(' ')}
            </p>
          )}
        </fieldset>
        {state && !state.ok && !errors?.oldKey && <FormMessage state={state} />}
        <SubmitButton variant="secondary" pendingText="Rotating…">
          Rotate secret key
        </SubmitButton>
      </form>
    </div>
  );
}
