import { afterEach, describe, expect, test } from 'vitest';
import { CLIENT_ADDRESS_HEADER, clientAddressFrom, normalizeAddress, proxyTrustFromEnv, resolveClientAddress } from './client-address';

const none = proxyTrustFromEnv({});

describe('resolveClientAddress (issue 13 item 2)', () => {
  test('without a configured proxy the socket address wins and X-Forwarded-For is ignored', () => {
    expect(resolveClientAddress({ socketAddress: '::ffff:203.0.113.9', forwardedFor: '198.51.100.1', trust: none })).toBe('203.0.113.9');
    expect(resolveClientAddress({ socketAddress: '203.0.113.9', forwardedFor: undefined, trust: none })).toBe('203.0.113.9');
  });

  test('changing the header does not change the address (the reported bypass)', () => {
    const seen = new Set(
      ['1.1.1.1', '2.2.2.2, 3.3.3.3', 'garbage', ''].map((xff) => resolveClientAddress({ socketAddress: '127.0.0.1', forwardedFor: xff, trust: none })),
    );
    expect([...seen]).toEqual(['127.0.0.1']);
  });

  test.each([
    ['one proxy: the last entry', 1, '6.6.6.6, 203.0.113.7', '203.0.113.7'],
    ['two proxies: second from the right', 2, '6.6.6.6, 203.0.113.7, 10.0.0.2', '203.0.113.7'],
    ['a client-prepended entry is never reached', 1, 'spoofed, 203.0.113.7', '203.0.113.7'],
    ['fewer entries than proxies: the socket', 2, '203.0.113.7', '10.0.0.1'],
    ['no header at all: the socket', 1, undefined, '10.0.0.1'],
  ])('TRUSTED_PROXY_HOPS — %s', (_l, hops, xff, expected) => {
    const trust = proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: String(hops) });
    expect(resolveClientAddress({ socketAddress: '10.0.0.1', forwardedFor: xff, trust })).toBe(expected);
  });

  test('TRUSTED_PROXIES walks left only through listed proxies', () => {
    const trust = proxyTrustFromEnv({ TRUSTED_PROXIES: '10.0.0.1, 10.0.0.2' });
    expect(resolveClientAddress({ socketAddress: '10.0.0.1', forwardedFor: '6.6.6.6, 203.0.113.7, 10.0.0.2', trust })).toBe('203.0.113.7');
    // A socket that is not a listed proxy: its forwarded header is not believed.
    expect(resolveClientAddress({ socketAddress: '198.51.100.4', forwardedFor: '6.6.6.6', trust })).toBe('198.51.100.4');
  });

  test('a bad setting is refused at start, naming it', () => {
    expect(() => proxyTrustFromEnv({ TRUSTED_PROXY_HOPS: 'two' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  test.each([
    ['::FFFF:192.0.2.1', '192.0.2.1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['192.0.2.1:8080', '192.0.2.1'],
    ['  2001:DB8::2 ', '2001:db8::2'],
  ])('normalizeAddress(%s)', (raw, expected) => expect(normalizeAddress(raw)).toBe(expected));
});

describe('clientAddressFrom', () => {
  afterEach(() => {
    delete process.env.CONSOLE_CLIENT_ADDRESS;
  });
  test('reads the header only when the console server set it', () => {
    const h = new Headers({ [CLIENT_ADDRESS_HEADER]: '203.0.113.5', 'x-forwarded-for': '1.2.3.4' });
    expect(clientAddressFrom(h)).toBe('unknown');
    process.env.CONSOLE_CLIENT_ADDRESS = 'set-by-server';
    expect(clientAddressFrom(h)).toBe('203.0.113.5');
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': '1.2.3.4' }))).toBe('unknown');
  });
});
