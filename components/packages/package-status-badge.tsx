import { Badge } from '@/components/ui/badge';
import type { PackageStatus } from '@/db/schema';

export function PackageStatusBadge({ status }: { status: PackageStatus }) {
  switch (status) {
    case 'active':
      return <Badge tone="green">Active</Badge>;
    case 'queued':
      return <Badge tone="yellow">Queued</Badge>;
    case 'expired':
      return <Badge tone="gray">Expired</Badge>;
    case 'void':
      return <Badge tone="red">Refunded</Badge>;
    default: {
      const never: never = status;
      return never;
    }
  }
}
