import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { editionName as editionNameIn } from '@/lib/packages/names';
import { applicationRunState } from '@/lib/applications/rules';

/** An application's state (lifecycle.md, Other suspensions): disabled by hand, Free minutes used up, or running. */
export function ApplicationStatusBadge({ app, accountSuspended }: { app: { enabled: boolean; edition: string; freeExhaustedAt: Date | null }; accountSuspended?: boolean }) {
  const t = useTranslations('applications.status');
  switch (applicationRunState(app, !!accountSuspended)) {
    case 'account_stopped':
      return <Badge tone="red">{t('accountStopped')}</Badge>;
    case 'disabled':
      return <Badge tone="gray">{t('disabled')}</Badge>;
    case 'free_exhausted':
      return <Badge tone="red">{t('freeExhausted')}</Badge>;
    default:
      return <Badge tone="green">{t('enabled')}</Badge>;
  }
}

export const EDITION_LABEL: Record<string, string> = { free: 'Free', starter: 'Starter', lite: 'Lite', standard: 'Standard', pro: 'Pro' };

/** English, for comparisons with lib names (the overview); pages show `EditionBadge`. */
export function editionName(edition: string): string {
  return `RTC-Engine ${EDITION_LABEL[edition] ?? edition}`;
}

export function EditionBadge({ edition }: { edition: string }) {
  const t = useTranslations('packages');
  return <Badge tone={edition === 'free' ? 'gray' : 'indigo'}>{editionNameIn(t, edition)}</Badge>;
}
