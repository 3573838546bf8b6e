import { AuthError } from 'next-auth';
import { isDatabaseUnavailable } from '@/db/availability';

export type SignInFailure = 'unavailable' | 'rate-limited' | 'credentials' | 'unexpected';

/**
 * What a failed `signIn('credentials', …)` means for the sign-in form. Auth.js wraps
 * whatever `authorize` throws in an AuthError (CallbackRouteError, the original in
 * `cause.err`), so the outage is looked for first: with the database unreachable the
 * answer is "briefly unavailable", never "Email or password is incorrect" (issue 13 item 13).
 */
export function classifySignInFailure(err: unknown): SignInFailure {
  if (isDatabaseUnavailable(err)) return 'unavailable';
  if (err instanceof AuthError) return (err as AuthError & { code?: string }).code === 'rate_limited' ? 'rate-limited' : 'credentials';
  return 'unexpected';
}
