import { Badge } from '@/components/ui/badge';
import type { RefundStatus } from '@/db/schema';

export function RefundStatusBadge({ status }: { status: RefundStatus }) {
  switch (status) {
    case 'open':
      return <Badge tone="yellow">Waiting for review</Badge>;
    case 'approved':
      return <Badge tone="green">Approved · refunded</Badge>;
    case 'rejected':
      return <Badge tone="red">Rejected</Badge>;
    case 'withdrawn':
      return <Badge tone="gray">Withdrawn</Badge>;
    default: {
      const never: never = status;
      return never;
    }
  }
}
