/**
 * Billing contacts and email opt-outs (issue 10, Email). Pure.
 * Account-status notices (kinds `account.*`, lifecycle.md, Notices) cannot be switched off.
 */
export const MAX_BILLING_CONTACTS = 5;

export function isAccountStatusKind(kind: string): boolean {
  return kind.startsWith('account.');
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Who gets a notice email: the contacts, or the owner when there are none. */
export function emailRecipients(contacts: readonly string[], ownerEmail: string | null): string[] {
  if (contacts.length) return [...new Set(contacts.map(normalizeEmail))];
  return ownerEmail ? [normalizeEmail(ownerEmail)] : [];
}

/** Whether a notice of `kind` goes by email, given the account's opt-outs. */
export function emailWanted(kind: string, optedOut: ReadonlySet<string>): boolean {
  return isAccountStatusKind(kind) || !optedOut.has(kind);
}
