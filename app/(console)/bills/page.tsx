import { requirePageUser } from '@/lib/auth/guard';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata = { title: 'Bills' };

export default async function BillsPage() {
  await requirePageUser('customer', { area: 'billing' });
  return (
    <>
      <PageHeader title="Bills" description="Daily pay-as-you-go bills and monthly bills, each line explained." />
      <EmptyState title="No bills yet" description="Bills appear after each local day ends and its usage is settled." />
    </>
  );
}
