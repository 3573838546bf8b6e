'use client';

import { useTranslations } from 'next-intl';
import { OneTimeSecret } from '@/components/ui/one-time-secret';

/** The secret key, shown once, with a copy button and the warning that it will not be shown again. */
export function SecretKeyBox({ sdkAppId, secretKey }: { sdkAppId: number; secretKey: string }) {
  const t = useTranslations('applications.secretKey');
  return (
    <OneTimeSecret label={t('label')} heading={t('heading')} secret={secretKey} testId="secret-key-box" secretTestId="secret-key">
      {t.rich('body', { sdkAppId: String(sdkAppId), mono: (chunks) => <span className="font-mono">{chunks}</span> })}
    </OneTimeSecret>
  );
}
