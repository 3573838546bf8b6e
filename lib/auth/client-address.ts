/**
 * The client's address for rate limits and the session list (issue 13 item 2). The
 * socket's peer address is the only one a client cannot choose; `X-Forwarded-For` is read
 * only as far as a configured proxy says it is its own:
 *
 * - `TRUSTED_PROXY_HOPS=N`: N reverse proxies in front of the console, each appending the
 *   address it saw; the client is the Nth entry from the right.
 * - `TRUSTED_PROXIES=10.0.0.5,10.0.0.6`: walk from the socket to the left while the hop is
 *   a listed proxy; the first address that is not is the client.
 *
 * Neither set: the socket address, and every forwarded header is ignored. The console's
 * server (scripts/next-server.ts) resolves it once per request and hands it to the app in
 * CLIENT_ADDRESS_HEADER after deleting any value the client sent under that name.
 */
export const CLIENT_ADDRESS_HEADER = 'x-console-client-address';
export const UNKNOWN_ADDRESS = 'unknown';

export type ProxyTrust = { hops: number; proxies: ReadonlySet<string> };

export function proxyTrustFromEnv(env: Record<string, string | undefined>): ProxyTrust {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  const hops = raw ? Number(raw) : 0;
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (got "${raw}").`);
  }
  const proxies = new Set(
    (env.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => normalizeAddress(s))
      .filter((s) => s.length > 0),
  );
  return { hops, proxies };
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; brackets and a port on a forwarded IPv4/IPv6 entry are dropped. */
export function normalizeAddress(raw: string | undefined | null): string {
  let s = (raw ?? '').trim();
  if (!s) return '';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  s = s.toLowerCase();
  if (s.startsWith('::ffff:') && /^\d{1,3}(\.\d{1,3}){3}$/.test(s.slice(7))) s = s.slice(7);
  return s;
}

export function resolveClientAddress(input: { socketAddress: string | undefined; forwardedFor: string | string[] | undefined; trust: ProxyTrust }): string {
  const socket = normalizeAddress(input.socketAddress) || UNKNOWN_ADDRESS;
  const { hops, proxies } = input.trust;
  if (hops === 0 && proxies.size === 0) return socket;
  const header = Array.isArray(input.forwardedFor) ? input.forwardedFor.join(',') : (input.forwardedFor ?? '');
  const chain = header
    .split(',')
    .map((s) => normalizeAddress(s))
    .filter((s) => s.length > 0);
  if (hops > 0) {
    // The socket is the nearest proxy; the Nth entry from the right is what the outermost proxy saw.
    // Fewer entries than proxies: the request did not come through all of them; trust the socket only.
    return chain.length >= hops ? chain[chain.length - hops]! : socket;
  }
  let current = socket;
  for (let i = chain.length - 1; i >= 0 && proxies.has(current); i--) current = chain[i]!;
  return current;
}

/** In the app: the address the console's server put in the header, or "unknown" when the app runs without it. */
export function clientAddressFrom(headers: Headers): string {
  if (process.env.CONSOLE_CLIENT_ADDRESS !== 'set-by-server') return UNKNOWN_ADDRESS;
  return normalizeAddress(headers.get(CLIENT_ADDRESS_HEADER)) || UNKNOWN_ADDRESS;
}
