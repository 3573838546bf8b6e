/**
 * Security headers of every page and route (issue 13 item 4, ASVS V14.4). Pure: proxy.ts
 * adds them to each response (and the CSP to the request, from which Next.js takes the
 * nonce for its own scripts — nextjs.org/docs/app/guides/content-security-policy).
 */
export type HeaderOptions = {
  nonce: string;
  /** `next dev`: React's dev build evaluates code ('unsafe-eval') and injects <style> elements. */
  dev: boolean;
  /** APP_ENV=production: HSTS (HTTPS only from then on). */
  production: boolean;
};

export function contentSecurityPolicy({ nonce, dev }: Pick<HeaderOptions, 'nonce' | 'dev'>): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonce'd bootstrap loads (Next's chunks) run; nothing else does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Elements need the nonce; style="" attributes (progress bars' widths) stay allowed.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(dev ? [] : ['upgrade-insecure-requests']),
  ];
  return directives.join('; ');
}

/** Headers that do not depend on the request. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * CSP of the route handlers the proxy does not run for (their bodies must stream to the
 * handler unbuffered: the usage API and the file import), set by the handlers themselves.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The proxy's share for a route handler it does not see: CSP and, in production, HSTS. */
export function withRouteSecurityHeaders(response: Response): Response {
  response.headers.set('Content-Security-Policy', API_CSP);
  if (process.env.APP_ENV === 'production') response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

/** Two years, subdomains: only where the console is served over HTTPS (production). */
export const HSTS = 'max-age=63072000; includeSubDomains';

export function securityHeaders(options: HeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    ...STATIC_SECURITY_HEADERS,
    ...(options.production ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/** 128 random bits, base64 (a fresh one per request). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
