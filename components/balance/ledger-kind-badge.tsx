import { Badge, type BadgeTone } from '@/components/ui/badge';
import { LEDGER_KIND_LABEL } from '@/db/queries/ledger';
import type { LedgerKind } from '@/db/schema';

const TONE: Record<LedgerKind, BadgeTone> = {
  top_up: 'green',
  package_purchase: 'indigo',
  renewal: 'indigo',
  refund: 'blue',
  daily_charge: 'gray',
  monthly_charge: 'gray',
  adjustment: 'yellow',
};

export function LedgerKindBadge({ kind }: { kind: LedgerKind }) {
  return <Badge tone={TONE[kind]}>{LEDGER_KIND_LABEL[kind]}</Badge>;
}
