import { appEnv } from '@/lib/clock';

/**
 * Absolute links in security emails. Never built from the request's Host header: a reset
 * requested with a forged Host would otherwise mail the victim a link to the attacker's
 * site carrying a valid token. APP_URL in production; this server's own address elsewhere.
 */
export function appUrl(pathWithQuery: string): string {
  const configured = process.env.APP_URL?.trim() || process.env.AUTH_URL?.trim();
  if (configured) return new URL(pathWithQuery, configured.endsWith('/') ? configured : `${configured}/`).toString();
  if (appEnv() === 'production') throw new Error('APP_URL must be set in production (the console address used in emailed links).');
  return new URL(pathWithQuery, `http://127.0.0.1:${process.env.PORT ?? '3000'}/`).toString();
}
