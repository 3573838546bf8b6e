import { requirePageUser } from '@/lib/auth/guard';
import { listPriceBooks } from '@/lib/rating';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CreateAccountForm, type BookOption } from '@/components/admin/create-account-form';
import { createAccountAction } from '../actions';
import { getLocale, getTranslations } from 'next-intl/server';
import { bookNameIn } from '@/lib/bills/words';

export async function generateMetadata() {
  const t = await getTranslations('admin.create');
  return { title: t('title') };
}

/** Issue 12: an admin creates a customer account on any price book; sign-up keeps offering the TRTC books. */
export default async function NewAccountPage() {
  await requirePageUser('admin');
  const [t, locale] = await Promise.all([getTranslations('admin.create'), getLocale()]);
  const books: BookOption[] = listPriceBooks().map((b) => ({
    id: b.id,
    label: bookNameIn(locale, b),
    currency: b.currency,
    note: t('bookNote', { period: b.rounding.period === 'month' ? 'month' : 'day', packages: b.coverage.package ? 'yes' : 'no', sources: b.sources.join(', ') }),
  }));
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <CardHeader title={t('cardTitle')} description={t('cardDescription')} />
        <CardBody>
          <CreateAccountForm books={books} createAccountAction={createAccountAction} />
        </CardBody>
      </Card>
    </>
  );
}
