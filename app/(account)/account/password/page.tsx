import { requirePageUser } from '@/lib/auth/guard';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { changePasswordAction } from '../actions';

export const metadata = { title: 'Change password' };

export default async function ChangePasswordPage() {
  await requirePageUser('signed-in');
  return (
    <>
      <PageHeader title="Change password" description="Every session of your user ends, and this browser is signed in again with the new password." />
      <Card className="max-w-xl">
        <CardHeader title="New password" description="At least 12 characters; not your email address, your name or a password from leaked-password lists." />
        <CardBody>
          <ChangePasswordForm changePasswordAction={changePasswordAction} />
        </CardBody>
      </Card>
    </>
  );
}
