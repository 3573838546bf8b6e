import { expect, test } from 'vitest';
import { hashPassword, newHashLogN, verifyPassword } from './password';

// scrypt at N=2^17 takes ~0.3 s a hash; five of them on a loaded 2-core machine can pass 5 s.
test('scrypt hashes verify the right password only', { timeout: 30_000 }, async () => {
  const hash = await hashPassword('correct horse battery');
  expect(hash).toMatch(/^scrypt\$17\$8\$1\$/);
  expect(await verifyPassword('correct horse battery', hash)).toBe(true);
  expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  expect(await hashPassword('correct horse battery')).not.toBe(hash); // salted
});

// Issue 15: Vitest's integration tests and the e2e server (APP_ENV=test) may lower the cost of new hashes; nothing else can.
test('a lowered scrypt cost is honoured only inside Vitest or with APP_ENV=test, and only below the real one', () => {
  const ask = { SCRYPT_LOG_N_FOR_TESTS: '12' };
  expect(newHashLogN({ ...ask, VITEST: 'true', NODE_ENV: 'test' })).toBe(12);
  expect(newHashLogN({ ...ask, NODE_ENV: 'production' })).toBe(17);
  expect(newHashLogN({ ...ask, VITEST: 'true', NODE_ENV: 'production' })).toBe(17);
  expect(newHashLogN({ ...ask, NODE_ENV: 'development' })).toBe(17);
  expect(newHashLogN({ ...ask, NODE_ENV: 'test' })).toBe(17);
  expect(newHashLogN({ ...ask, APP_ENV: 'test', NODE_ENV: 'production' })).toBe(12);
  expect(newHashLogN({ ...ask, APP_ENV: 'production', NODE_ENV: 'production' })).toBe(17);
  expect(newHashLogN({ ...ask, APP_ENV: 'development', NODE_ENV: 'development' })).toBe(17);
  expect(newHashLogN({ APP_ENV: 'test', NODE_ENV: 'production' })).toBe(17);
  for (const v of ['20', '17', '4', 'x', '']) expect(newHashLogN({ SCRYPT_LOG_N_FOR_TESTS: v, APP_ENV: 'test' }), v).toBe(17);
  for (const v of ['20', '17', '4', 'x', '']) expect(newHashLogN({ SCRYPT_LOG_N_FOR_TESTS: v, VITEST: 'true', NODE_ENV: 'test' }), v).toBe(17);
  expect(newHashLogN({})).toBe(17);
});
