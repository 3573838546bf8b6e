import { describe, expect, test } from 'vitest';
import { checkMutation, tokenMatches } from './mutation-guard';

const req = (headers: Record<string, string>, method = 'POST', body: string | null = '{}') =>
  new Request('http://console.test/api/x', { method, headers: { host: 'console.test', ...headers }, body });

describe('checkMutation (issue 13 item 8)', () => {
  test('session routes: JSON from the same origin passes', () => {
    expect(checkMutation(req({ 'content-type': 'application/json; charset=utf-8', origin: 'http://console.test' }), { auth: 'session' })).toBeNull();
  });
  test('text/plain (a CORS-simple cross-site POST) is 415 naming what is expected', () => {
    expect(checkMutation(req({ 'content-type': 'text/plain', origin: 'http://console.test' }), { auth: 'session' })).toMatchObject({
      status: 415,
      message: expect.stringContaining('Content-Type must be application/json (got text/plain)'),
    });
  });
  test('a foreign or opaque Origin is 403; no Origin is 403 unless a bearer token is accepted', () => {
    expect(checkMutation(req({ 'content-type': 'application/json', origin: 'https://evil.example' }), { auth: 'session' })?.status).toBe(403);
    expect(checkMutation(req({ 'content-type': 'application/json', origin: 'null' }), { auth: 'session' })?.status).toBe(403);
    expect(checkMutation(req({ 'content-type': 'application/json' }), { auth: 'session' })?.status).toBe(403);
    const bearer = (t: string) => t === 'good';
    expect(checkMutation(req({ 'content-type': 'application/json', authorization: 'Bearer good' }), { auth: 'session', bearer })).toBeNull();
    expect(checkMutation(req({ 'content-type': 'application/json', authorization: 'Bearer bad' }), { auth: 'session', bearer })?.status).toBe(403);
    // A token never excuses a foreign Origin (a browser page of another site).
    expect(checkMutation(req({ 'content-type': 'application/json', authorization: 'Bearer good', origin: 'https://evil.example' }), { auth: 'session', bearer })?.status).toBe(403);
  });
  test('signed routes (usage API): no Origin needed, a foreign one refused, the documented types only', () => {
    const accept = ['application/json', 'application/x-ndjson'];
    expect(checkMutation(req({ 'content-type': 'application/x-ndjson' }), { auth: 'signed', accept })).toBeNull();
    expect(checkMutation(req({ 'content-type': 'application/x-ndjson', origin: 'https://evil.example' }), { auth: 'signed', accept })?.status).toBe(403);
    expect(checkMutation(req({ 'content-type': 'text/csv' }), { auth: 'signed', accept })?.status).toBe(415);
  });
  test('a DELETE without a body needs no Content-Type, but still the Origin', () => {
    expect(checkMutation(req({ origin: 'http://console.test' }, 'DELETE', null), { auth: 'session' })).toBeNull();
    expect(checkMutation(req({ origin: 'https://evil.example' }, 'DELETE', null), { auth: 'session' })?.status).toBe(403);
  });
  test('tokens compare in constant time; an unset token matches nothing', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('', undefined)).toBe(false);
  });
});
