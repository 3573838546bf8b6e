import 'server-only';
import { createElement } from 'react';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/schema';
import { AppError, fieldError } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { newPasswordProblem } from '@/lib/auth/password-policy';
import { takeRequestSlot } from '@/lib/auth/rate-limit';
import { sendVerificationEmail } from '@/lib/auth/account-security';
import { appUrl } from '@/lib/auth/links';
import { sendAuthEmail, userMailLocale } from '@/lib/auth/mail';
import { SignUpExistingEmail, signUpExistingSubject } from '@/lib/auth/emails/sign-up-existing-email';
import { createCustomerAccount } from './service';
import type { SignUpInput } from './schemas';
import { requestLog } from '@/lib/request-log';

/** Sign-ups per client address per hour (issue 13 item 7); SIGN_UPS_PER_ADDRESS_PER_HOUR overrides it. */
export const DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR = 10;

export function signUpLimitPerHour(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SIGN_UPS_PER_ADDRESS_PER_HOUR?.trim();
  const n = raw ? Number(raw) : DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR;
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR;
}

/**
 * Sign-up without account enumeration (issue 13 item 7): a new address gets an account
 * (unverified: it cannot buy packages until the emailed link is opened) and a
 * confirmation email; a taken address gets nothing created and its owner a note instead.
 * The caller shows the same "check your inbox" answer either way, and both paths hash a
 * password, so timing tells little. Sign-ups are limited per client address.
 */
export async function registerCustomer(
  db: Database,
  input: SignUpInput & { registeredAt: Date; address: string; now?: Date },
): Promise<{ outcome: 'created' | 'existing' }> {
  const problem = newPasswordProblem(input.password, input);
  if (problem) throw fieldError('password', problem);
  if (!(await takeRequestSlot(db, { kind: 'sign-up', address: input.address, email: input.email, limit: signUpLimitPerHour(), windowMs: 60 * 60 * 1000, by: 'address', now: input.now }))) {
    throw new AppError('RATE_LIMITED', 'Too many sign-ups from your network in the last hour. Try again later.');
  }
  const passwordHash = await hashPassword(input.password);
  const existing = async () => {
    const [user] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.email, input.email)).limit(1);
    if (user) {
      try {
        const locale = await userMailLocale(db, { email: user.email });
        await sendAuthEmail({
          to: user.email,
          subject: signUpExistingSubject(locale),
          element: createElement(SignUpExistingEmail, { locale, name: user.name, signInLink: appUrl('/sign-in'), resetLink: appUrl('/forgot-password') }),
        });
      } catch (err) {
        (await requestLog()).error({ err }, 'auth: sign-up note to the existing owner not sent');
      }
    }
    return { outcome: 'existing' as const };
  };
  let userId: string;
  try {
    ({ userId } = await createCustomerAccount(db, { ...input, passwordHash, emailVerifiedAt: null }));
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return existing();
    throw err;
  }
  try {
    await sendVerificationEmail(db, { userId, now: input.now });
  } catch (err) {
    (await requestLog()).error({ err }, 'auth: verification email not sent');
  }
  return { outcome: 'created' };
}
