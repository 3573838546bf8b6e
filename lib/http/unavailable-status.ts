import { ServerResponse } from 'node:http';
import { databaseRecentlyUnavailable, RETRY_AFTER_SECONDS } from '@/db/availability';

/**
 * A page whose render fails because the database is unreachable would be answered 500 by
 * Next; pages cannot set a status themselves, so the response's status line is corrected
 * here (instrumentation.ts, once per server process): 500 while the database was just found
 * unreachable (db/availability.ts) becomes 503 with Retry-After (issue 13 item 13). The body
 * stays app/error.tsx's "briefly unavailable" page.
 */
export function answerUnavailableWith503(): void {
  const proto = ServerResponse.prototype as unknown as { writeHead: (...args: unknown[]) => unknown; __unavailablePatched?: boolean };
  if (proto.__unavailablePatched) return;
  proto.__unavailablePatched = true;
  const original = proto.writeHead;
  proto.writeHead = function writeHead(this: InstanceType<typeof ServerResponse>, ...args: unknown[]) {
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    if (status === 500 && databaseRecentlyUnavailable()) {
      if (typeof args[0] === 'number') args[0] = 503;
      this.statusCode = 503;
      if (typeof args[1] === 'string') args.splice(1, 1); // a reason phrase "Internal Server Error" would be wrong now
      if (!this.headersSent) {
        this.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        this.setHeader('Cache-Control', 'no-store');
      }
    }
    return original.apply(this, args);
  };
}
