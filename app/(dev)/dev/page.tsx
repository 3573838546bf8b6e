import { requirePageUser } from '@/lib/auth/guard';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata = { title: 'Developer tools' };

export default async function DevToolsPage() {
  await requirePageUser('signed-in');
  return (
    <>
      <PageHeader title="Developer tools" description="Test clocks per account: move time forward and watch settlements, renewals, overdue and reclamation happen." />
      <EmptyState title="No test clock attached" description="Attach a test clock to an account to move its time forward." />
    </>
  );
}
