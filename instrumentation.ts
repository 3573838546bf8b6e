/**
 * Next.js instrumentation (runs once per server process). The Node.js part lives in
 * lib/http/unavailable-status.ts, imported only under the Node.js runtime: Next also bundles
 * this file for the Edge runtime, where a `node:http` import here was a build warning
 * ("Ecmascript file had an error") on every build.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { answerUnavailableWith503 } = await import('@/lib/http/unavailable-status');
    answerUnavailableWith503();
  }
}
