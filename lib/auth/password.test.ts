import { expect, test } from 'vitest';
import { hashPassword, verifyPassword } from './password';

// scrypt at N=2^17 takes ~0.3 s a hash; five of them on a loaded 2-core machine can pass 5 s.
test('scrypt hashes verify the right password only', { timeout: 30_000 }, async () => {
  const hash = await hashPassword('correct horse battery');
  expect(hash).toMatch(/^scrypt\$17\$8\$1\$/);
  expect(await verifyPassword('correct horse battery', hash)).toBe(true);
  expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  expect(await hashPassword('correct horse battery')).not.toBe(hash); // salted
});
