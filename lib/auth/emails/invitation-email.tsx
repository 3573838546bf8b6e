import { ActionLink, AuthEmailLayout, P } from './auth-email-layout';

export const invitationSubject = 'Your TRTC Billing account is ready: choose a password';

/** Issue 12 item 1: an admin created an account and invites its owner by email instead of giving a first password. */
export function InvitationEmail({ name, accountName, priceBookName, link, validDays }: { name: string; accountName: string; priceBookName: string; link: string; validDays: number }) {
  return (
    <AuthEmailLayout preview="Choose a password for your new account" title="Your account is ready">
      <P>Hello {name},</P>
      <P>
        An administrator created the TRTC Billing account {accountName} for you, billed on the {priceBookName} price book. Open the link below to choose your password, then sign in
        with this address. The link works once, for {validDays} days.
      </P>
      <ActionLink href={link} label="Choose a password" />
      <P>If you did not expect this, ignore this email.</P>
    </AuthEmailLayout>
  );
}
