import { requirePageUser } from '@/lib/auth/guard';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata = { title: 'Balance' };

export default async function BalancePage() {
  await requirePageUser('customer', { area: 'billing' });
  return (
    <>
      <PageHeader title="Balance" description="Top up, and every change of the balance in the ledger." />
      <EmptyState title="No ledger entries yet" description="Top up to pay for packages and pay-as-you-go usage." />
    </>
  );
}
