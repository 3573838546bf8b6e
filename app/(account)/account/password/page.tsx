import { getTranslations } from 'next-intl/server';
import { requirePageUser } from '@/lib/auth/guard';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { changePasswordAction } from '../actions';

export async function generateMetadata() {
  const t = await getTranslations('account.password');
  return { title: t('metaTitle') };
}

export default async function ChangePasswordPage() {
  await requirePageUser('signed-in');
  const t = await getTranslations('account.password');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card className="max-w-xl">
        <CardHeader title={t('cardTitle')} description={t('cardDescription')} />
        <CardBody>
          <ChangePasswordForm changePasswordAction={changePasswordAction} />
        </CardBody>
      </Card>
    </>
  );
}
