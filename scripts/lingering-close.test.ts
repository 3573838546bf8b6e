import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { lingerOnClose } from './lingering-close';

/**
 * A server answering 413 + `Connection: close` before reading a large body, and a client
 * that is slow to read (as under load): it sends on while the answer waits in its receive
 * buffer. Without a lingering close the server's reset throws the answer away.
 */
async function slowReaderGets413(server: http.Server): Promise<boolean> {
  const { port } = server.address() as net.AddressInfo;
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let received = '';
  let closed = false;
  socket.pause(); // the answer stays unread while the body is sent
  socket.on('data', (d) => (received += d.toString('latin1')));
  socket.on('close', () => (closed = true));
  socket.on('error', () => (closed = true));
  const size = 16 * 1024 * 1024;
  socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${size}\r\n\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  for (let sent = 0; sent < size && !closed; sent += chunk.length) {
    if (sent === 1024 * 1024) await new Promise((r) => setTimeout(r, 30)); // the server has answered and closed by now
    if (!socket.write(chunk)) await new Promise<void>((r) => { const done = () => { socket.off('drain', done); socket.off('close', done); r(); }; socket.on('drain', done); socket.on('close', done); });
  }
  await new Promise((r) => setTimeout(r, 50));
  socket.resume();
  const until = Date.now() + 3000;
  while (!closed && !received.includes('HTTP/1.1 413') && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  socket.destroy();
  return received.includes('HTTP/1.1 413');
}

function refusingServer(linger: boolean): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(413, { Connection: 'close', 'Content-Type': 'application/json' });
    res.end('{"error":"too large"}');
  });
  if (linger) lingerOnClose(server, 2000);
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

describe('lingering close', () => {
  let server: http.Server | null = null;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('a client slow to read still gets the 413 sent before the close', async () => {
    server = await refusingServer(true);
    for (let i = 0; i < 5; i++) expect(await slowReaderGets413(server)).toBe(true);
  });

  it('without it the reset loses the answer (the failure this guards against)', async () => {
    server = await refusingServer(false);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await slowReaderGets413(server));
    expect(results).toContain(false);
  });
});
