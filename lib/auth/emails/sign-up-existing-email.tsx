import { ActionLink, AuthEmailLayout, P } from './auth-email-layout';

export const signUpExistingSubject = 'Someone tried to sign up with your email address';

/** Issue 13 item 7: sign-up with a taken address answers as for a new one; the owner gets this instead. */
export function SignUpExistingEmail({ name, signInLink, resetLink }: { name: string; signInLink: string; resetLink: string }) {
  return (
    <AuthEmailLayout preview="You already have an account" title="You already have an account">
      <P>Hello {name},</P>
      <P>Someone (perhaps you) tried to create a TRTC Billing account with this email address, which already has one. No second account was created.</P>
      <ActionLink href={signInLink} label="Sign in" />
      <P>Forgot your password? Reset it here: {resetLink}</P>
      <P>If this was not you, you can ignore this email.</P>
    </AuthEmailLayout>
  );
}
