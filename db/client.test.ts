import net from 'node:net';
import { expect, test } from 'vitest';
import { createDb } from './client';

// Issue 13 item 13: with the database down, every query fails within about a second
// (then 503 + Retry-After), also after many failures; postgres.js's default backoff
// would make the 7th attempt wait ~7 s and later ones up to 20 s.
test('queries fail fast and keep failing fast while the database is unreachable', async () => {
  const port = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  const { sql, close } = createDb(`postgres://nobody:x@127.0.0.1:${port}/none`, { max: 1 });
  try {
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      const err = await sql`select 1`.catch((e: unknown) => e);
      expect((err as { code?: string }).code).toBe('ECONNREFUSED');
      expect(performance.now() - t).toBeLessThan(1_500);
    }
  } finally {
    await close();
  }
}, 30_000);
