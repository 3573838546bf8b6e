import { Badge } from '@/components/ui/badge';
import type { AccountStatus, SuspensionReason } from '@/db/schema/accounts';

export function AccountStatusBadge({ status, reason }: { status: AccountStatus; reason?: SuspensionReason | null }) {
  switch (status) {
    case 'active':
      return <Badge tone="green">Active</Badge>;
    case 'overdue':
      return <Badge tone="yellow">Overdue</Badge>;
    case 'suspended':
      return <Badge tone="red">Suspended{reason ? ` · ${reason}` : ''}</Badge>;
    case 'reclaimed':
      return <Badge tone="gray">Reclaimed</Badge>;
    default: {
      const never: never = status;
      return never;
    }
  }
}
