import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDb } from '@/db/client';
import { noteDatabaseUnavailable } from '@/db/availability';
import { register } from '@/instrumentation';

/**
 * Issue 13 item 13, the whole path of a page: a render whose query fails is answered 500 by
 * Next.js; the pool (db/availability.ts) has noted the outage before the error reached the
 * page, so instrumentation.ts's status correction answers 503 + Retry-After. Here a plain
 * node:http server stands in for Next: its handler runs one query and answers 500 on any
 * error, as Next does for a failed render.
 */
let server: http.Server;
let base: string;
let closePool: () => Promise<void>;

beforeAll(async () => {
  process.env.NEXT_RUNTIME = 'nodejs';
  await register();
  const port = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  const { sql, close } = createDb(`postgres://nobody:x@127.0.0.1:${port}/none`, { max: 1 });
  closePool = close;
  server = http.createServer(async (req, res) => {
    if (req.url === '/query') {
      try {
        await sql`select 1`;
        res.writeHead(200).end('ok');
      } catch {
        res.writeHead(500, 'Internal Server Error', { 'Content-Type': 'text/html' }).end('<h1>The console is briefly unavailable</h1>');
      }
      return;
    }
    res.statusCode = 500; // a failure that is not an outage
    res.end('error');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await closePool();
});

test('a page whose query meets the outage answers 503 with Retry-After, not 500', async () => {
  noteDatabaseUnavailable(0); // no outage known before this request
  const res = await fetch(`${base}/query`);
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.text()).toContain('briefly unavailable');
}, 30_000);

test('a 500 that is not an outage stays a 500', async () => {
  noteDatabaseUnavailable(0);
  const res = await fetch(`${base}/other`);
  expect(res.status).toBe(500);
  expect(res.headers.get('retry-after')).toBeNull();
});
