import net from 'node:net';

/**
 * Issue 13 item 10: after a 413 on a declared Content-Length, the kept-alive connection
 * must still serve the next request. A raw HTTP/1.1 client on one socket (fetch would
 * hide the connection): a too-large POST with its whole body, then a second request.
 * `early` says whether the 413 came while the body was still being sent: clients such as
 * curl then stop sending and drop the connection ("HTTP error before end of send").
 * Usage: tsx scripts/keepalive-413.ts http://127.0.0.1:3000 [bodyBytes]
 */
export type KeepAliveResult = { first: number | null; second: number | null; early: boolean; closeHeader: boolean; closedEarly: boolean };

export async function keepAliveAfter413(base: string, bodyBytes = 6 * 1024 * 1024, timeoutMs = 30_000): Promise<KeepAliveResult> {
  const url = new URL(base);
  const socket = net.connect(Number(url.port || 80), url.hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buffered = '';
  let closed = false;
  socket.on('data', (d) => (buffered += d.toString('latin1')));
  socket.on('close', () => (closed = true));
  socket.on('error', () => (closed = true));
  const host = `${url.hostname}:${url.port}`;
  const statuses = () => [...buffered.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1])).filter((s) => s !== 100);
  const waitFor = async (n: number) => {
    const until = Date.now() + timeoutMs;
    while (statuses().length < n && !closed && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  };
  socket.write(`POST /api/v1/usage HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${bodyBytes}\r\n\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let early = false;
  for (let sent = 0; sent < bodyBytes && !closed; sent += chunk.length) {
    if (statuses().length > 0) early = true;
    const part = chunk.subarray(0, Math.min(chunk.length, bodyBytes - sent));
    // The server may close the socket mid-body (past the drain limit): 'drain' never comes then.
    if (!socket.write(part)) {
      await new Promise<void>((r) => {
        const go = () => {
          socket.off('drain', go).off('close', go);
          r();
        };
        socket.once('drain', go).once('close', go);
      });
    }
    // A little pacing, as a client on a real network: an early answer has time to arrive.
    if ((sent / chunk.length) % 16 === 0) await new Promise((r) => setTimeout(r, 5));
  }
  await waitFor(1);
  const closeHeader = /\r\nconnection: close\r\n/i.test(buffered);
  if (!closed) socket.write(`GET /sign-in HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  await waitFor(2);
  const [first, second] = statuses();
  socket.destroy();
  return { first: first ?? null, second: second ?? null, early, closeHeader, closedEarly: closed && second === undefined };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await keepAliveAfter413(process.argv[2] ?? 'http://127.0.0.1:3000', Number(process.argv[3] ?? 6 * 1024 * 1024));
  console.log(JSON.stringify(r));
  process.exit(r.second && !r.early ? 0 : 1);
}
