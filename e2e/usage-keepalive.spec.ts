import { expect, test } from './fixtures-test';
import { keepAliveAfter413 } from '../scripts/keepalive-413';

/**
 * Issue 13 item 10: after a 413 on a declared Content-Length the kept-alive connection
 * still serves the next request. A raw HTTP/1.1 client on one socket against the running
 * production server: the 413 comes only after the body was sent (read and thrown away),
 * without `Connection: close`, and the second request on the same socket is answered.
 */
test('a 413 on a declared Content-Length keeps the connection usable for the next request', async ({ baseURL }) => {
  const r = await keepAliveAfter413(baseURL!, 6 * 1024 * 1024);
  expect(r).toMatchObject({ first: 413, early: false, closeHeader: false, second: 200, closedEarly: false });
});

test('a body past the drain limit is refused with Connection: close (the client knows to reconnect)', async ({ baseURL }) => {
  const r = await keepAliveAfter413(baseURL!, 65 * 1024 * 1024 + 1);
  expect(r.first).toBe(413);
  expect(r.closeHeader).toBe(true);
});
