import { requirePageUser } from '@/lib/auth/guard';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata = { title: 'Suspensions' };

export default async function AdminSuspensionsPage() {
  await requirePageUser('admin');
  return (
    <>
      <PageHeader title="Suspensions" description="Accounts suspended for arrears or for a violation, and applications suspended on the Free edition." />
      <EmptyState title="No suspended accounts" description="Accounts suspended for arrears or by an administrator appear here." />
    </>
  );
}
