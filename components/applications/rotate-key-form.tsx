'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('applications.rotate');
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
              ? t('oldKeyGrace', { hint: rotated.previousHint, until: formatLocalDateTime(new Date(rotated.previousValidUntil)) })
              : t('oldKeyStopped', { hint: rotated.previousHint })}
          </p>
        </div>
      )}
      <form action={action} className="space-y-3" noValidate data-testid="rotate-key-form">
        <input type="hidden" name="applicationId" value={applicationId} />
        <fieldset className="space-y-2 text-sm">
          <legend className="font-medium text-slate-800">{t('legend')}</legend>
          <label className="flex items-start gap-2">
            <input type="radio" name="oldKey" value="grace" defaultChecked className="mt-0.5 accent-indigo-600" />
            <span>
              {t('grace')}
              <span className="block text-slate-500">{t('graceHint')}</span>
            </span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="oldKey" value="stop" className="mt-0.5 accent-rose-600" />
            <span>
              {t('stop')}
              <span className="block text-slate-500">{t('stopHint')}</span>
            </span>
          </label>
          {errors?.oldKey && (
            <p className="text-rose-700" role="alert">
              {errors.oldKey.join(' ')}
            </p>
          )}
        </fieldset>
        {state && !state.ok && !errors?.oldKey && <FormMessage state={state} />}
        <SubmitButton variant="secondary" pendingText={t('rotating')}>
          {t('submit')}
        </SubmitButton>
      </form>
    </div>
  );
}
