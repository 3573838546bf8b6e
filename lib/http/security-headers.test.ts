import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders, STATIC_SECURITY_HEADERS } from './security-headers';

describe('security headers', () => {
  test('production: nonce CSP without unsafe-eval/unsafe-inline scripts, framing refused, HSTS', () => {
    const h = securityHeaders({ nonce: 'abc123', dev: false, production: true });
    expect(h['Content-Security-Policy']).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(h['Content-Security-Policy']).not.toContain('unsafe-eval');
    expect(h['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(h['Content-Security-Policy']).toContain("style-src 'self' 'nonce-abc123'");
    expect(h['X-Frame-Options']).toBe('DENY');
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(h['Permissions-Policy']).toContain('camera=()');
    expect(h['Strict-Transport-Security']).toMatch(/^max-age=\d{8}/);
  });
  test('test/development deployments: no HSTS; next dev gets unsafe-eval', () => {
    expect(securityHeaders({ nonce: 'n', dev: false, production: false })['Strict-Transport-Security']).toBeUndefined();
    expect(contentSecurityPolicy({ nonce: 'n', dev: true })).toContain("'unsafe-eval'");
  });
  test('nonces are fresh and 128-bit', () => {
    const a = newNonce();
    expect(a).not.toBe(newNonce());
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
  });
  test('next.config.js sends the same static headers on every path', async () => {
    const configPath: string = '../../next.config.js';
    const { staticSecurityHeaders } = (await import(configPath)) as { staticSecurityHeaders: { key: string; value: string }[] };
    expect(Object.fromEntries(staticSecurityHeaders.map((h) => [h.key, h.value]))).toEqual(STATIC_SECURITY_HEADERS);
  });
});
