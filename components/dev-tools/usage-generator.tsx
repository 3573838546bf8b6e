'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export type GeneratorApp = { sdkAppId: number; name: string; refusal: string | null };

/** Synthetic usage for one application, starting at the account's clock time. */
export function UsageGenerator<T0>({ accountId, apps, generateUsageAction }: { accountId: string; apps: GeneratorApp[]; generateUsageAction: FormAction<T0> }) {
  const t = useTranslations('dev.usage');
  const [state, action] = useActionState(generateUsageAction, null);
  const err = (k: string) => (state && !state.ok ? state.fieldErrors?.[k] : undefined);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="accountId" value={accountId} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t('application')} name="sdkAppId" errors={err('sdkAppId')}>
          <Select name="sdkAppId" defaultValue={apps[0]?.sdkAppId}>
            {apps.map((a) => (
              <option key={a.sdkAppId} value={a.sdkAppId}>
                {t('appOption', { name: a.name, sdkAppId: String(a.sdkAppId), refused: a.refusal ? 'yes' : 'no' })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('sessions')} name="sessions" errors={err('sessions')} hint={t('sessionsHint')}>
          <Input type="number" name="sessions" min={1} max={200} defaultValue={5} invalid={!!err('sessions')} />
        </Field>
        <Field label={t('span')} name="spanMinutes" errors={err('spanMinutes')}>
          <Input type="number" name="spanMinutes" min={1} max={1440} defaultValue={60} invalid={!!err('spanMinutes')} />
        </Field>
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingText={t('generating')}>{t('generate')}</SubmitButton>
    </form>
  );
}
