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
  return null;
}
