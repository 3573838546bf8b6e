import { requirePageUser } from '@/lib/auth/guard';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata = { title: 'Usage' };

export default async function UsagePage() {
  await requirePageUser('customer', { area: 'service' });
  return (
    <>
      <PageHeader title="Usage" description="Minutes per application and item, rounded up per application per day (Asia/Shanghai)." />
      <EmptyState title="No usage yet" description="Send usage records to the usage API with your application's secret key, or import a JSONL or CSV file." />
    </>
  );
}
