import { requirePageUser } from '@/lib/auth/guard';
import { listPriceBooks } from '@/lib/rating';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CreateAccountForm, type BookOption } from '@/components/admin/create-account-form';
import { createAccountAction } from '../actions';

export const metadata = { title: 'Create account' };

/** Issue 12: an admin creates a customer account on any price book; sign-up keeps offering the TRTC books. */
export default async function NewAccountPage() {
  await requirePageUser('admin');
  const books: BookOption[] = listPriceBooks().map((b) => ({
    id: b.id,
    label: b.name,
    currency: b.currency,
    note: `${b.rounding.period === 'month' ? 'billed monthly' : 'billed daily'}${b.coverage.package ? '' : ', no packages'} (seed ${b.sources.join(', ')})`,
  }));
  return (
    <>
      <PageHeader title="Create account" description="A customer account on any price book. Customers who sign up themselves choose USD (TRTC 2024) or CNY (TRTC 2022)." />
      <Card>
        <CardHeader title="Account and owner" description="The owner is a customer user of this account only." />
        <CardBody>
          <CreateAccountForm books={books} createAccountAction={createAccountAction} />
        </CardBody>
      </Card>
    </>
  );
}
