import { CallbackRouteError, CredentialsSignin } from '@auth/core/errors';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, test } from 'vitest';
import { ServiceUnavailableError } from '@/db/availability';
import { classifySignInFailure } from './sign-in-failure';

// Auth.js's own wrapping of an error thrown in authorize (its types only declare string messages).
const wrapped = (err: Error, options?: Record<string, unknown>) => new (CallbackRouteError as unknown as new (e: Error, o?: Record<string, unknown>) => Error)(err, options);

class RateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

// An integration test only because next-auth imports next/server, which the unit project cannot resolve.
describe('sign-in failures (issue 13 items 3 and 13)', () => {
  test('the database unreachable inside authorize is "unavailable", not wrong credentials', () => {
    // What Auth.js throws when authorize's first query meets the outage (db/availability.ts).
    const outage = new DrizzleQueryError('select … from users', [], new ServiceUnavailableError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })));
    expect(classifySignInFailure(wrapped(outage, { provider: 'credentials' }))).toBe('unavailable');
    expect(classifySignInFailure(wrapped(Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' })))).toBe('unavailable');
    expect(classifySignInFailure(new ServiceUnavailableError())).toBe('unavailable');
  });
  test('wrong credentials, the throttle, and anything else', () => {
    expect(classifySignInFailure(new CredentialsSignin())).toBe('credentials');
    expect(classifySignInFailure(new RateLimited())).toBe('rate-limited');
    expect(classifySignInFailure(wrapped(new Error('boom')))).toBe('credentials');
    expect(classifySignInFailure(new Error('boom'))).toBe('unexpected');
  });
});
