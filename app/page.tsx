import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/guard';

/** Home: each role's landing page. */
export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  redirect(user.role === 'admin' ? '/admin/accounts' : '/overview');
}
