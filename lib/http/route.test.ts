import { afterEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { databaseRecentlyUnavailable, noteDatabaseUnavailable, ServiceUnavailableError, UNAVAILABLE_MESSAGE } from '@/db/availability';
import { AppError, ERROR_CODES, errorBody } from '@/lib/errors';
import { log } from '@/lib/log';
import { route } from './route';

/**
 * The one error model mapped once to HTTP (lib/errors.ts, lib/http/route.ts): each kind of
 * failure answers its status and the house shape, and is logged once with the request id.
 */
type Line = { level: string; bindings: Record<string, unknown>; fields: Record<string, unknown>; msg: string };

function captureLogs(): Line[] {
  const lines: Line[] = [];
  vi.spyOn(log, 'child').mockImplementation(((bindings: Record<string, unknown>) => {
    const at = (level: string) => (fields: Record<string, unknown>, msg: string) => lines.push({ level, bindings, fields, msg });
    return { info: at('info'), warn: at('warn'), error: at('error') };
  }) as never);
  return lines;
}

afterEach(() => vi.restoreAllMocks());

const request = (init: RequestInit & { headers?: Record<string, string> } = {}) =>
  new Request('http://console.test/x', { ...init, headers: { 'x-request-id': 'req-abcdef123', ...init.headers } });

describe('route(): one wrapper, one mapping', () => {
  test('an AppError answers its status and { error: { code, message, fieldErrors? } }; logged as expected with the request id', async () => {
    const lines = captureLogs();
    const GET = route('probe', async () => {
      throw new AppError('NOT_FOUND', undefined, { context: { billId: 'b1' } });
    });
    const res = await GET(request(), undefined);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
    expect(lines).toEqual([{ level: 'info', bindings: { reqId: 'req-abcdef123', route: 'probe' }, fields: { code: 'NOT_FOUND', billId: 'b1' }, msg: 'route refused' }]);
  });

  test('a ZodError is VALIDATION with the first field named and every field message', async () => {
    captureLogs();
    const GET = route('probe', async () => {
      z.object({ limit: z.number({ error: 'limit: a whole number' }) }).parse({ limit: 'x' });
      return new Response('unreachable');
    });
    const res = await GET(request(), undefined);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'VALIDATION', message: 'limit: limit: a whole number', fieldErrors: { limit: ['limit: a whole number'] } } });
  });

  test('anything else is a logged 500 with the generic (or the route\'s) message, never internals', async () => {
    const lines = captureLogs();
    const POST = route('probe', async () => {
      throw new Error('secret internals');
    }, { internalMessage: 'Something went wrong on our side. It has been logged; nothing was stored.' });
    const res = await POST(request({ method: 'POST', body: '{}', headers: { 'content-type': 'application/json', origin: 'http://console.test', host: 'console.test' } }), undefined);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain('secret');
    expect(JSON.parse(body)).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. It has been logged; nothing was stored.' } });
    expect(lines.map((l) => [l.level, l.bindings.reqId, l.msg])).toEqual([['error', 'req-abcdef123', 'route: unexpected error']]);
  });

  test('the database unreachable is 503 with Retry-After, a warning', async () => {
    const lines = captureLogs();
    const GET = route('probe', async () => {
      throw new ServiceUnavailableError();
    });
    noteDatabaseUnavailable(0);
    const res = await GET(request(), undefined);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE } });
    expect(databaseRecentlyUnavailable()).toBe(true);
    expect(lines.map((l) => l.level)).toEqual(['warn']);
  });

  test('a mutation policy refuses a foreign Origin or body type before the handler runs', async () => {
    captureLogs();
    const handler = vi.fn(async () => new Response('ran'));
    const POST = route('probe', handler, { mutation: { auth: 'session' } });
    const foreign = await POST(request({ method: 'POST', body: '{}', headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'console.test' } }), undefined);
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe('FORBIDDEN');
    const text = await POST(request({ method: 'POST', body: 'x', headers: { 'content-type': 'text/plain', origin: 'http://console.test', host: 'console.test' } }), undefined);
    expect(text.status).toBe(415);
    expect(handler).not.toHaveBeenCalled();
  });

  test("the usage API's documented error shape: { error: { code, message, details?, errorCount? } }, closing when asked", async () => {
    captureLogs();
    const details = [{ index: 1, field: 'receive[0].video', message: 'expected [width, height] positive integers' }];
    const POST = route('probe', async () => {
      throw new AppError('INVALID_RECORDS', 'The batch was refused and nothing was stored: record 1: receive[0].video: expected [width, height] positive integers.', { details, errorCount: 1 });
    }, { securityHeaders: true });
    const res = await POST(request(), undefined);
    expect(res.status).toBe(422);
    const text = await res.text();
    // Same keys, same order as docs/usage-api.md.
    expect(Object.keys(JSON.parse(text).error)).toEqual(['code', 'message', 'details', 'errorCount']);
    expect(JSON.parse(text)).toEqual({ error: { code: 'INVALID_RECORDS', message: expect.stringContaining('nothing was stored'), details, errorCount: 1 } });
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    const tooLarge = await route('probe', async () => {
      throw new AppError('PAYLOAD_TOO_LARGE', 'too large', { closeConnection: true });
    })(request(), undefined);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('connection')).toBe('close');
  });
});

describe('the codes', () => {
  test('every code has a status and a default message; the usage API codes keep their documented statuses', () => {
    for (const [code, { status, message }] of Object.entries(ERROR_CODES)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(message.length, code).toBeGreaterThan(3);
    }
    const documented = { UNSIGNED: 401, STALE_TIMESTAMP: 401, INVALID_SIGNATURE: 401, IDEMPOTENCY_KEY_REQUIRED: 400, MALFORMED_BODY: 400, UNSUPPORTED_MEDIA_TYPE: 415, IDEMPOTENCY_KEY_REUSED: 409, APPLICATION_DISABLED: 403, ACCOUNT_SUSPENDED: 403, FREE_MINUTES_EXHAUSTED: 403, PAYLOAD_TOO_LARGE: 413, INVALID_RECORDS: 422, EMPTY_BATCH: 422, DUPLICATE_FILE: 409, SERVICE_UNAVAILABLE: 503 };
    for (const [code, status] of Object.entries(documented)) expect(new AppError(code as keyof typeof ERROR_CODES).status, code).toBe(status);
  });

  test('context is for the logs only, never in the answer', () => {
    expect(errorBody(new AppError('INVALID_STATE', 'Not now.', { context: { settlesAt: 'x' } }))).toEqual({ error: { code: 'INVALID_STATE', message: 'Not now.' } });
  });
});
