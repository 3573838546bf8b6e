/**
 * Where to send the browser after sign-in (issue 13 item 1, ASVS V5.1.5): the target is
 * resolved against the console's own origin the way a browser would (WHATWG URL: tabs and
 * newlines dropped, `\` read as `/`, dot segments removed) and accepted only if the origin
 * is unchanged. What comes back is a path, never a scheme or host, and never one that a
 * browser could read as protocol-relative (`//host`, `/\host`), so the Location header
 * cannot leave the console whatever the input was.
 */
export const DEFAULT_AFTER_SIGN_IN = '/';

const CONTROL = /[\u0000-\u001f\u007f]/;

export function safeRedirectPath(target: unknown, origin: string, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof target !== 'string' || target.length === 0 || target.length > 2000) return fallback;
  let own: URL;
  let url: URL;
  try {
    own = new URL(origin);
    url = new URL(target, own);
  } catch {
    return fallback;
  }
  if (url.origin !== own.origin || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  // A path whose decoded form starts like a protocol-relative URL or hides control
  // characters is refused too: some later hop (a proxy, a framework) might decode it once.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (CONTROL.test(decoded) || /^[/\\]{2}/.test(decoded) || decoded.includes('\\')) return fallback;
  return path;
}
