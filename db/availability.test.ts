import { describe, expect, test } from 'vitest';
import { databaseRecentlyUnavailable, isDatabaseUnavailable, noteDatabaseUnavailable, ServiceUnavailableError } from './availability';

describe('database unavailable (issue 13 item 13)', () => {
  test('recognises postgres.js socket errors and the server going away, also wrapped (drizzle, Auth.js)', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' }) }))).toBe(true);
    expect(isDatabaseUnavailable({ type: 'CallbackRouteError', cause: { err: Object.assign(new Error('x'), { code: 'CONNECTION_ENDED' }) } })).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isDatabaseUnavailable(new ServiceUnavailableError())).toBe(true);
  });
  test('other errors are not an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
  test('the process remembers the outage for a few seconds (the 503 answer: lib/http/route.test.ts)', () => {
    noteDatabaseUnavailable(1_000_000);
    expect(databaseRecentlyUnavailable(1_000_000 + 9_000)).toBe(true);
    expect(databaseRecentlyUnavailable(1_000_000 + 11_000)).toBe(false);
  });
});

describe('asUnavailable: the pool\'s one mapping (db/availability.ts)', () => {
  test('an outage becomes a noted ServiceUnavailableError; other errors pass unchanged', async () => {
    const { asUnavailable, unavailableDetail } = await import('./availability');
    noteDatabaseUnavailable(0);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const mapped = asUnavailable(refused);
    expect(mapped).toBeInstanceOf(ServiceUnavailableError);
    expect((mapped as ServiceUnavailableError).digest).toBe('SERVICE_UNAVAILABLE');
    expect((mapped as Error).cause).toBe(refused);
    expect(databaseRecentlyUnavailable()).toBe(true);
    expect(asUnavailable(mapped)).toBe(mapped);
    expect(unavailableDetail(mapped)).toBe('ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5432');
    noteDatabaseUnavailable(0);
    const dup = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(asUnavailable(dup)).toBe(dup);
    expect(databaseRecentlyUnavailable()).toBe(false);
  });
});
