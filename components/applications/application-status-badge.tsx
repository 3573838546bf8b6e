import { Badge } from '@/components/ui/badge';
import { applicationRunState } from '@/lib/applications/rules';

/** An application's state (lifecycle.md, Other suspensions): disabled by hand, Free minutes used up, or running. */
export function ApplicationStatusBadge({ app, accountSuspended }: { app: { enabled: boolean; edition: string; freeExhaustedAt: Date | null }; accountSuspended?: boolean }) {
  switch (applicationRunState(app, !!accountSuspended)) {
    case 'account_stopped':
      return <Badge tone="red">Stopped · account suspended</Badge>;
    case 'disabled':
      return <Badge tone="gray">Disabled</Badge>;
    case 'free_exhausted':
      return <Badge tone="red">Suspended · free minutes used up</Badge>;
    default:
      return <Badge tone="green">Enabled</Badge>;
  }
}

export const EDITION_LABEL: Record<string, string> = { free: 'Free', starter: 'Starter', lite: 'Lite', standard: 'Standard', pro: 'Pro' };

export function editionName(edition: string): string {
  return `RTC-Engine ${EDITION_LABEL[edition] ?? edition}`;
}

export function EditionBadge({ edition }: { edition: string }) {
  return <Badge tone={edition === 'free' ? 'gray' : 'indigo'}>{editionName(edition)}</Badge>;
}
