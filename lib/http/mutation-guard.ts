import { timingSafeEqual } from 'node:crypto';

/**
 * CSRF defence of every mutating route handler (issue 13 item 8, ASVS V4.2.2). A browser
 * page on another origin can send a "simple" cross-origin POST (text/plain, form
 * encodings) with the victim's cookies and no preflight. Refusing every body type but
 * the documented ones forces a CORS preflight, which this server never grants, and the
 * Origin check refuses what a browser says came from elsewhere.
 *
 * Policies:
 * - `session` (cookie-authenticated): same-origin `Origin` required, or a bearer token
 *   accepted by `bearer` (scripts). Browsers send Origin on every POST/PUT/PATCH/DELETE.
 * - `signed` (usage API, HMAC-signed by servers that send no Origin): no Origin needed,
 *   but a present foreign Origin is still refused.
 */
export type MutationPolicy = {
  auth: 'session' | 'signed';
  /** Accepted media types (without parameters); default application/json. */
  accept?: readonly string[];
  /** A bearer token that stands in for the Origin check (scripts), e.g. the developer API token. */
  bearer?: (token: string) => boolean;
};

const JSON_ONLY = ['application/json'] as const;

export type MutationRefusal = { status: 403 | 415; code: 'FORBIDDEN' | 'UNSUPPORTED_MEDIA_TYPE'; message: string };

function mediaType(request: Request): string | null {
  const v = request.headers.get('content-type');
  if (!v) return null;
  return v.split(';')[0]!.trim().toLowerCase() || null;
}

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return request.body !== null && request.headers.has('transfer-encoding');
}

/** The origin this request was addressed to, as Next's own server-action check derives it. */
function ownHost(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('host') || (URL.canParse(request.url) ? new URL(request.url).host : null);
}

function originHost(origin: string): string | null {
  if (origin === 'null' || !URL.canParse(origin)) return null;
  return new URL(origin).host;
}

/** Configured public origins (AUTH_URL, APP_ORIGIN) count as the console's own. */
function configuredHosts(): string[] {
  return [process.env.AUTH_URL, process.env.APP_ORIGIN].filter((v): v is string => !!v && URL.canParse(v)).map((v) => new URL(v).host);
}

export function bearerToken(request: Request): string | null {
  const v = request.headers.get('authorization');
  const m = v?.match(/^Bearer\s+(\S+)\s*$/i);
  return m ? m[1]! : null;
}

/** Constant-time comparison of a presented token with a configured one (empty config = never). */
export function tokenMatches(presented: string, configured: string | undefined): boolean {
  if (!configured) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(configured);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Null when the request may go on; otherwise why it is refused (nothing has been read or changed). */
export function checkMutation(request: Request, policy: MutationPolicy): MutationRefusal | null {
  const accept = policy.accept ?? JSON_ONLY;
  const type = mediaType(request);
  // A DELETE without a body has nothing to parse; the Origin check below still applies.
  const needsType = request.method !== 'DELETE' || hasBody(request);
  if (needsType && (!type || !accept.includes(type))) {
    return {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `Content-Type must be ${accept.join(' or ')}${type ? ` (got ${type})` : ' (none was sent)'}; nothing was changed.`,
    };
  }
  const origin = request.headers.get('origin');
  const own = ownHost(request);
  const sameOrigin = origin !== null && originHost(origin) !== null && (originHost(origin) === own || configuredHosts().includes(originHost(origin)!));
  if (origin !== null && !sameOrigin) {
    return { status: 403, code: 'FORBIDDEN', message: `Cross-origin request refused: Origin ${origin} is not this console's origin; nothing was changed.` };
  }
  if (policy.auth === 'signed' || sameOrigin) return null;
  const token = bearerToken(request);
  if (token && policy.bearer?.(token)) return null;
  return {
    status: 403,
    code: 'FORBIDDEN',
    message: policy.bearer
      ? 'Send the request from the console (same-origin Origin header) or with Authorization: Bearer <token>; nothing was changed.'
      : 'Send the request from the console (same-origin Origin header); nothing was changed.',
  };
}
