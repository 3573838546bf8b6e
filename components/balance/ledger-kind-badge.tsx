import { useLocale } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ledgerKindLabel } from '@/lib/ledger/words';
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
  return <Badge tone={TONE[kind]}>{ledgerKindLabel(useLocale(), kind)}</Badge>;
}
