import { Badge } from '@/components/ui/badge';

/** An application's state (lifecycle.md, Other suspensions): disabled by hand, Free minutes used up, or running. */
export function ApplicationStatusBadge({ app, accountSuspended }: { app: { enabled: boolean; edition: string; freeExhaustedAt: Date | null }; accountSuspended?: boolean }) {
  if (accountSuspended) return <Badge tone="red">Stopped · account suspended</Badge>;
  if (!app.enabled) return <Badge tone="gray">Disabled</Badge>;
  if (app.freeExhaustedAt && app.edition === 'free') return <Badge tone="red">Suspended · free minutes used up</Badge>;
  return <Badge tone="green">Enabled</Badge>;
}

export const EDITION_LABEL: Record<string, string> = { free: 'Free', starter: 'Starter', lite: 'Lite', standard: 'Standard', pro: 'Pro' };

export function EditionBadge({ edition }: { edition: string }) {
  return <Badge tone={edition === 'free' ? 'gray' : 'indigo'}>RTC-Engine {EDITION_LABEL[edition] ?? edition}</Badge>;
}
