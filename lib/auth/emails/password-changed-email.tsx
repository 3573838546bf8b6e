import { AuthEmailLayout, P } from './auth-email-layout';

export const passwordChangedSubject = 'Your TRTC Billing password was changed';

/** Issue 13 items 5 and 6: after a change or reset every session was ended. */
export function PasswordChangedEmail({ name, how }: { name: string; how: 'changed' | 'reset' }) {
  return (
    <AuthEmailLayout preview="Your password was changed" title="Your password was changed">
      <P>Hello {name},</P>
      <P>
        The password of your TRTC Billing account was {how === 'reset' ? 'reset through an emailed link' : 'changed in the console'}. Every session that was signed in
        has been signed out.
      </P>
      <P>If this was not you, reset your password at once from the sign-in page (Forgot your password?) and tell your administrator.</P>
    </AuthEmailLayout>
  );
}
