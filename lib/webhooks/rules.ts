/** Webhook endpoint rules (issue 10, Webhooks). Pure. */
export const MAX_WEBHOOK_ENDPOINTS = 5;

/**
 * An endpoint URL must be absolute http(s) without credentials; production accepts only
 * HTTPS (a signed body over plain HTTP can still be read on the way).
 */
export function webhookUrlProblem(raw: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter an absolute URL such as https://example.com/webhooks/trtc.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The URL must start with https://.';
  if (production && url.protocol !== 'https:') return 'Webhook endpoints must use HTTPS.';
  if (url.username || url.password) return 'Put no user name or password in the URL; verify the signature instead.';
  if (!url.hostname) return 'The URL needs a host name.';
  if (raw.length > 2000) return 'The URL is longer than 2000 characters.';
  if (production && isInternalHost(url.hostname)) return 'Use a public host name: loopback, private and link-local addresses are not reachable from this service.';
  return null;
}

/**
 * Whether a host names this machine or a private network by itself (`localhost`, a literal
 * loopback, private, link-local or unique-local address). Production refuses them so a
 * webhook cannot be aimed at the service's own network (server-side request forgery); a name
 * that resolves to such an address later is not caught here.
 */
export function isInternalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '0.0.0.0' || h === '::' || h === '::1') return true;
  // An IPv4-mapped IPv6 address, as the URL parser writes it (::ffff:7f00:1 for 127.0.0.1).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  const dotted = mapped ? [parseInt(mapped[1]!, 16) >> 8, parseInt(mapped[1]!, 16) & 255, parseInt(mapped[2]!, 16) >> 8, parseInt(mapped[2]!, 16) & 255].join('.') : h.replace(/^::ffff:/, '');
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(dotted);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  // IPv6 unique-local (fc00::/7) and link-local (fe80::/10).
  return /^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h);
}
