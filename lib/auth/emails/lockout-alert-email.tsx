import { AuthEmailLayout, P } from './auth-email-layout';

export const lockoutAlertSubject = 'Many failed sign-ins to your TRTC Billing account';

/** Issue 13 item 3: the per-email ceiling tripped. */
export function LockoutAlertEmail({ name, failures, windowMinutes }: { name: string; failures: number; windowMinutes: number }) {
  return (
    <AuthEmailLayout preview="Someone is trying passwords on your account" title="Many failed sign-ins to your account">
      <P>Hello {name},</P>
      <P>
        There were {failures} failed sign-in attempts with your email address in the last {windowMinutes} minutes, from addresses you have not signed in from
        before. Sign-ins from those addresses are paused for a while; you can still sign in from a device you have used recently.
      </P>
      <P>If this was not you, nothing is needed unless your password is used elsewhere: then change it in the console (Account security → Change password).</P>
    </AuthEmailLayout>
  );
}
