import type http from 'node:http';
import type net from 'node:net';

/** How long a closing connection keeps reading (and throwing away) what the client still sends. */
export const LINGER_MS = 5000;

/**
 * Lingering close (RFC 9112 §9.6, "tear-down"): when an answer carries `Connection: close`
 * before the request body was read (a 413 past the drain limit, lib/usage/api.ts), Node
 * closes the socket right after the answer. The client is still sending; the kernel answers
 * the bytes that arrive after the close with a reset, and a reset makes the client's TCP
 * stack throw away what it received but had not read yet: the 413 itself, under load
 * (a flaky e2e/usage-keepalive.spec.ts). So the server half-closes (FIN after the answer)
 * and reads and discards until the client closes too, at most LINGER_MS, then closes.
 *
 * Node's http server ends a connection whose last answer said `close` through
 * `socket.destroySoon()` (lib/_http_server.js resOnFinish), so that is the one step replaced.
 */
export function lingerOnClose(server: http.Server, lingerMs = LINGER_MS): void {
  server.on('connection', (socket: net.Socket) => {
    socket.destroySoon = function lingeringDestroySoon(this: net.Socket) {
      if (this.writable) this.end();
      const timer = setTimeout(() => this.destroy(), lingerMs);
      timer.unref();
      this.once('end', () => this.destroy());
      this.once('close', () => clearTimeout(timer));
      this.resume();
    };
  });
}
