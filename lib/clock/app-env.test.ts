import { afterEach, expect, test } from 'vitest';
import { assertTestClocksEnabled } from './test-clock';
import { appEnv, testClocksEnabled } from './app-env';

const saved = { APP_ENV: process.env.APP_ENV };
afterEach(() => {
  if (saved.APP_ENV === undefined) delete process.env.APP_ENV;
  else process.env.APP_ENV = saved.APP_ENV;
});

test.each([
  ['development', true],
  ['test', true],
  ['production', false],
] as const)('APP_ENV=%s: test clocks and developer tools enabled = %s', (env, enabled) => {
  process.env.APP_ENV = env;
  expect(appEnv()).toBe(env);
  expect(testClocksEnabled()).toBe(enabled);
  if (enabled) expect(() => assertTestClocksEnabled()).not.toThrow();
  else expect(() => assertTestClocksEnabled()).toThrow(/only in development and test/);
});
