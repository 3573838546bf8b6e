import http from 'node:http';
import next from 'next';
import { randomUUID } from 'node:crypto';
import { CLIENT_ADDRESS_HEADER, proxyTrustFromEnv, resolveClientAddress } from '@/lib/auth/client-address';
import { log, pathOnly, REQUEST_ID_HEADER, requestIdFrom } from '@/lib/log';
import { lingerOnClose } from './lingering-close';
import { failStart, installStartFailureHandlers } from './start-failure';

/**
 * The console's HTTP server: Next.js behind a plain Node server, only so that every
 * request carries the client address resolved from the socket (issue 13 item 2). Next.js
 * itself never sees the socket in a server action or in Auth.js' authorize; this server
 * deletes whatever the client sent under CLIENT_ADDRESS_HEADER and sets the real one,
 * trusting X-Forwarded-For only as TRUSTED_PROXY_HOPS / TRUSTED_PROXIES say (README).
 * Started by scripts/serve.ts: `tsx scripts/next-server.ts dev|start <port> [host]`.
 */
const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const port = Number(process.argv[3] ?? process.env.PORT ?? 3000);
const host = process.argv[4];
const trust = proxyTrustFromEnv(process.env);
const removeStartHandlers = installStartFailureHandlers({ port });

// The app reads the header only when this is set in its own process (lib/auth/client-address.ts):
// started any other way (`next start`), a client-sent header is never believed.
process.env.CONSOLE_CLIENT_ADDRESS = 'set-by-server';

const app = next({ dev: mode === 'dev', hostname: host ?? 'localhost', port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

function stamp(req: http.IncomingMessage) {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress({ socketAddress: req.socket.remoteAddress, forwardedFor: req.headers['x-forwarded-for'], trust });
}

// Every request gets an id (a trusted proxy's X-Request-Id, else a new one), passed to the app as
// the X-Request-Id header (actions and route handlers log it, lib/log.ts) and echoed in the answer;
// one JSON line per request when it ends (issue 14 item 7).
const server = http.createServer((req, res) => {
  stamp(req);
  const reqId = requestIdFrom(trust.hops || trust.proxies.size ? req.headers[REQUEST_ID_HEADER] : undefined, randomUUID);
  req.headers[REQUEST_ID_HEADER] = reqId;
  res.setHeader('X-Request-Id', reqId);
  const started = process.hrtime.bigint();
  const path = pathOnly(req.url);
  res.once('close', () => {
    if (path.startsWith('/_next/') || path === '/favicon.ico') return;
    const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
    const line = { reqId, method: req.method, path, status: res.statusCode, durationMs, aborted: !res.writableFinished || undefined };
    if (res.statusCode >= 500) log.error(line, 'request');
    else log.info(line, 'request');
  });
  void handle(req, res);
});
// A `Connection: close` answer sent before the body was read must not be lost to a reset.
lingerOnClose(server);
const upgrade = app.getUpgradeHandler();
server.on('upgrade', (req, socket, head) => {
  stamp(req);
  void upgrade(req, socket, head);
});
server.once('error', (err) => failStart(err, { port }));
server.listen(port, host, () => {
  removeStartHandlers();
  console.log(`Next.js ${mode} listening on ${host ?? '*'}:${port}${trust.hops || trust.proxies.size ? ` (trusting ${trust.hops ? `${trust.hops} proxy hop(s)` : `proxies ${[...trust.proxies].join(', ')}`})` : ''}`);
});

function stop() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
