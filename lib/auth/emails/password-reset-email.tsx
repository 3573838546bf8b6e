import { ActionLink, AuthEmailLayout, P } from './auth-email-layout';

export const passwordResetSubject = 'Reset your TRTC Billing password';

/** Issue 13 item 6: the one-time reset link. */
export function PasswordResetEmail({ name, link, validMinutes }: { name: string; link: string; validMinutes: number }) {
  return (
    <AuthEmailLayout preview="A link to choose a new password" title="Reset your password">
      <P>Hello {name},</P>
      <P>Someone asked to reset the password of your TRTC Billing account. Open the link below to choose a new one. It works once, for {validMinutes} minutes.</P>
      <ActionLink href={link} label="Choose a new password" />
      <P>If you did not ask for this, ignore this email: your password stays as it is.</P>
    </AuthEmailLayout>
  );
}
