import { requirePageUser } from '@/lib/auth/guard';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata = { title: 'Refund requests' };

export default async function AdminRefundrequestsPage() {
  await requirePageUser('admin');
  return (
    <>
      <PageHeader title="Refund requests" description="Five-day refund requests waiting for a decision, with the eligibility checks." />
      <EmptyState title="No refund requests" description="Customers' requests to refund a package within 5 days of purchase appear here." />
    </>
  );
}
