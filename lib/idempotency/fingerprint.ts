import { createHash } from 'node:crypto';

/**
 * Idempotency keys replay only the request they were first used with (issue 13, item 11;
 * Stripe: "keys for idempotent requests can only be used with the same parameters").
 * Pure: a request's parameters as strings, their fingerprint, and what differs.
 */
export type IdempotentParams = Record<string, string | null>;

/** SHA-256 of the action and its parameters in key order, so field order never matters. */
export function fingerprintOf(action: string, params: IdempotentParams): string {
  const canonical = JSON.stringify([action, Object.keys(params).sort().map((k) => [k, params[k] ?? null])]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The parameters whose values differ between the first use and this one, in this one's order. */
export function differingParams(first: IdempotentParams, now: IdempotentParams): string[] {
  const keys = [...new Set([...Object.keys(now), ...Object.keys(first)])];
  return keys.filter((k) => (first[k] ?? null) !== (now[k] ?? null));
}

/** `the application and the package` */
export function listLabels(labels: string[]): string {
  if (labels.length <= 1) return labels[0] ?? 'the details';
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}
