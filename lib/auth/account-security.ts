import 'server-only';
import { createElement } from 'react';
import { eq } from 'drizzle-orm';
import type { Database, DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { AppError, fieldError } from '@/lib/errors';
import { hashPassword, verifyPassword } from './password';
import { newPasswordProblem } from './password-policy';
import { checkSignIn, recordSignInAttempt, takeRequestSlot } from './rate-limit';
import { describeWait } from './throttle-rules';
import { endAllSessions } from './sessions';
import { consumeAuthToken, issueAuthToken, peekAuthToken, TOKEN_TTL_MS } from './tokens';
import { appUrl } from './links';
import { sendAuthEmail, userMailLocale } from './mail';
import { PasswordChangedEmail, passwordChangedSubject } from './emails/password-changed-email';
import { PasswordResetEmail, passwordResetSubject } from './emails/password-reset-email';
import { InvitationEmail, invitationSubject } from './emails/invitation-email';
import { VerifyEmailEmail, verifyEmailSubject } from './emails/verify-email-email';
import { requestLog } from '@/lib/request-log';

/**
 * Password change and reset, address verification (issue 13 items 5, 6, 7). Real time:
 * these protect sign-in, they are not billing rules.
 */
const HOUR = 60 * 60 * 1000;
export const RESET_MAILS_PER_EMAIL_PER_HOUR = 3;
export const RESET_REQUESTS_PER_ADDRESS_PER_HOUR = 10;
export const VERIFICATION_MAILS_PER_USER_PER_HOUR = 3;

async function userById(db: DbOrTx, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError('NOT_FOUND');
  return user;
}

function checkNewPassword(password: string, user: { email: string; name: string }, field = 'newPassword') {
  const problem = newPasswordProblem(password, user);
  if (problem) throw fieldError(field, problem);
}

/**
 * The signed-in user changes their password: the current one is checked (and throttled like
 * a sign-in, so a stolen session cannot guess it), the new one must pass the policy, and
 * every session ends, this one included (the caller signs the browser in again).
 */
export async function changePassword(
  db: Database,
  input: { userId: string; currentPassword: string; newPassword: string; address: string },
): Promise<{ endedSessions: number; email: string }> {
  const user = await userById(db, input.userId);
  const decision = await checkSignIn(db, user.email, input.address);
  if (!decision.allowed) throw new AppError('RATE_LIMITED', `Too many wrong passwords. Try again in ${describeWait(decision.retryAfterMs)}.`);
  const ok = await verifyPassword(input.currentPassword, user.passwordHash);
  await recordSignInAttempt(db, user.email, input.address, ok);
  if (!ok) throw fieldError('currentPassword', 'Current password is not correct.');
  if (input.newPassword === input.currentPassword) throw fieldError('newPassword', 'The new password must differ from the current one.');
  checkNewPassword(input.newPassword, user);
  const passwordHash = await hashPassword(input.newPassword);
  const endedSessions = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    return endAllSessions(tx, { userId: user.id, reason: 'password-changed' });
  });
  const locale = await userMailLocale(db, { userId: user.id });
  await safeSend(user.email, passwordChangedSubject(locale), createElement(PasswordChangedEmail, { locale, name: user.name, how: 'changed' }));
  return { endedSessions, email: user.email };
}

/**
 * "Forgot your password?": the same answer whether or not the address has an account; a
 * link only when it does, at most a few an hour per address asked for and per client.
 */
export async function requestPasswordReset(db: Database, input: { email: string; address: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  if (!(await takeRequestSlot(db, { kind: 'password-reset', address: input.address, limit: RESET_REQUESTS_PER_ADDRESS_PER_HOUR, windowMs: HOUR, by: 'address', now }))) {
    throw new AppError('RATE_LIMITED', 'Too many reset requests from your network. Try again in an hour.');
  }
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user) return;
  if (!(await takeRequestSlot(db, { kind: 'password-reset-mail', address: input.address, email, limit: RESET_MAILS_PER_EMAIL_PER_HOUR, windowMs: HOUR, by: 'email', now }))) return;
  const token = await issueAuthToken(db, { userId: user.id, purpose: 'password-reset', now });
  const locale = await userMailLocale(db, { userId: user.id });
  await safeSend(
    user.email,
    passwordResetSubject(locale),
    createElement(PasswordResetEmail, { locale, name: user.name, link: appUrl(`/reset-password?token=${token}`), validMinutes: TOKEN_TTL_MS['password-reset'] / 60_000 }),
  );
}

/** Whether a reset link (or an admin's invitation) can still be used (the page shows the form or says it expired). */
export async function resetTokenIsUsable(db: DbOrTx, token: string): Promise<boolean> {
  return (await peekSetPasswordToken(db, token)) !== null;
}

/**
 * A link that sets a password: "forgot your password" or the invitation an admin sent to a
 * new account's owner (issue 12 item 1). An invitation also confirms the address.
 */
async function peekSetPasswordToken(db: DbOrTx, token: string): Promise<{ userId: string; purpose: 'password-reset' | 'invitation' } | null> {
  for (const purpose of ['password-reset', 'invitation'] as const) {
    const userId = await peekAuthToken(db, { token, purpose });
    if (userId) return { userId, purpose };
  }
  return null;
}

/** Emails the owner of an account an admin created the invitation link to choose a password. */
export async function sendInvitation(db: DbOrTx, input: { userId: string; accountName: string; priceBookName: string; now?: Date }): Promise<void> {
  const user = await userById(db, input.userId);
  const token = await issueAuthToken(db, { userId: user.id, purpose: 'invitation', now: input.now });
  const locale = await userMailLocale(db, { userId: user.id });
  await safeSend(
    user.email,
    invitationSubject(locale),
    createElement(InvitationEmail, {
      locale,
      name: user.name,
      accountName: input.accountName,
      priceBookName: input.priceBookName,
      link: appUrl(`/reset-password?token=${token}`),
      validDays: TOKEN_TTL_MS.invitation / (24 * HOUR),
    }),
  );
}

/** Sets the new password from a reset link: once per link; every session of the user ends. */
export async function resetPassword(db: Database, input: { token: string; newPassword: string }): Promise<{ email: string }> {
  const expired = () => new AppError('INVALID_STATE', 'This reset link has expired or was already used. Ask for a new one.', { key: 'resetLinkExpired' });
  const link = await peekSetPasswordToken(db, input.token);
  if (!link) throw expired();
  const user = await userById(db, link.userId);
  checkNewPassword(input.newPassword, user, 'password');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    // The conditional UPDATE decides a race between two submits of the same link.
    if ((await consumeAuthToken(tx, { token: input.token, purpose: link.purpose })) !== user.id) throw expired();
    // An accepted invitation proves the address as a confirmation link does.
    const verified = link.purpose === 'invitation' && !user.emailVerifiedAt ? { emailVerifiedAt: new Date() } : {};
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), ...verified }).where(eq(users.id, user.id));
    await endAllSessions(tx, { userId: user.id, reason: 'password-reset' });
  });
  const locale = await userMailLocale(db, { userId: user.id });
  await safeSend(user.email, passwordChangedSubject(locale), createElement(PasswordChangedEmail, { locale, name: user.name, how: 'reset' }));
  return { email: user.email };
}

/** Emails a verification link (sign-up, or "send it again" from the console). */
export async function sendVerificationEmail(db: DbOrTx, input: { userId: string; now?: Date }): Promise<void> {
  const user = await userById(db, input.userId);
  if (user.emailVerifiedAt) return;
  const now = input.now ?? new Date();
  if (!(await takeRequestSlot(db, { kind: 'verification-mail', address: '', email: user.email, limit: VERIFICATION_MAILS_PER_USER_PER_HOUR, windowMs: HOUR, by: 'email', now }))) {
    throw new AppError('RATE_LIMITED', 'A confirmation email was sent a few times already this hour; check your inbox (and spam folder) or try again later.');
  }
  const token = await issueAuthToken(db, { userId: user.id, purpose: 'email-verification', now });
  const locale = await userMailLocale(db, { userId: user.id });
  await safeSend(
    user.email,
    verifyEmailSubject(locale),
    createElement(VerifyEmailEmail, { locale, name: user.name, link: appUrl(`/verify-email?token=${token}`), validHours: TOKEN_TTL_MS['email-verification'] / HOUR }),
  );
}

/** The link from the verification email: true when it confirmed the address (first use). */
export async function verifyEmailAddress(db: Database, token: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, { token, purpose: 'email-verification' });
    if (!userId) return false;
    await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId));
    return true;
  });
}

async function safeSend(to: string, subject: string, element: ReturnType<typeof createElement>) {
  try {
    await sendAuthEmail({ to, subject, element });
  } catch (err) {
    (await requestLog()).error({ err, subject }, 'auth: security email not sent');
  }
}
