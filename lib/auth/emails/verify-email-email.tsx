import { ActionLink, AuthEmailLayout, P } from './auth-email-layout';

export const verifyEmailSubject = 'Confirm your email address for TRTC Billing';

/** Issue 13 item 7: confirm the address before the account can buy packages. */
export function VerifyEmailEmail({ name, link, validHours }: { name: string; link: string; validHours: number }) {
  return (
    <AuthEmailLayout preview="Confirm your address to finish signing up" title="Confirm your email address">
      <P>Hello {name},</P>
      <P>Thanks for creating a TRTC Billing account. Confirm that this address is yours to finish; until then the account cannot buy packages. The link works once, for {validHours} hours.</P>
      <ActionLink href={link} label="Confirm my address" />
      <P>If you did not sign up, ignore this email and no account will be usable with this address.</P>
    </AuthEmailLayout>
  );
}
