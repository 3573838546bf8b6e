import { requirePageUser } from '@/lib/auth/guard';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata = { title: 'Audit log' };

export default async function AdminAuditlogPage() {
  await requirePageUser('admin');
  return (
    <>
      <PageHeader title="Audit log" description="Every administrator action and every automatic change of money or status." />
      <EmptyState title="Nothing logged yet" description="Admin actions (refund decisions, balance adjustments, suspensions) are recorded here." />
    </>
  );
}
