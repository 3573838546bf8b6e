import { requirePageUser } from '@/lib/auth/guard';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';

export const metadata = { title: 'Packages' };

export default async function PackagesPage() {
  await requirePageUser('customer', { area: 'service' });
  return (
    <>
      <PageHeader title="Packages" description="Monthly packages cover audio and video minutes of one application; free minutes come first." />
      <EmptyState title="No packages yet" description="Buy a package for an application to cover its minutes at a lower price than pay-as-you-go." />
    </>
  );
}
