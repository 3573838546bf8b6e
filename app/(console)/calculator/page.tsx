import { getTranslations } from 'next-intl/server';
import { requirePageUser } from '@/lib/auth/guard';
import { listPriceBooks } from '@/lib/rating';
import { CalculatorForm, type BookOption } from '@/components/calculator/calculator-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { calculateAction } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('calculator');
  return { title: t('title') };
}

const MEDIA = new Set(['audio', 'sd', 'hd', 'fhd', '2k', '4k', 'video-720p', 'video-1080p', 'screen', 'mp-audio', 'mp-video']);

/** Price calculator (seed 003 FAQ: "You can use the TRTC Price Calculator to estimate your cost"). */
export default async function CalculatorPage() {
  const user = await requirePageUser('customer', { area: 'billing' });
  const t = await getTranslations('calculator');
  const books: BookOption[] = listPriceBooks().map((b) => ({
    id: b.id,
    name: b.name,
    currency: b.currency,
    roundingPeriod: b.rounding.period,
    items: b.items.map((i) => ({ code: i.code, name: i.name, unit: i.unit, unitPrice: i.unitPrice, per: i.per, media: MEDIA.has(i.code) })),
  }));
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <CardBody>
          <CalculatorForm books={books} defaultBookId={user.account.priceBookId} action={calculateAction} />
        </CardBody>
      </Card>
    </>
  );
}
