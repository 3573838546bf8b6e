/**
 * Which deployment this is. APP_ENV (development | test | production) is separate
 * from NODE_ENV because the e2e suite runs a production build in test mode, where
 * test clocks and the developer tools must exist (lifecycle.md, Time).
 */
export type AppEnv = 'development' | 'test' | 'production';

export function appEnv(): AppEnv {
  const v = process.env.APP_ENV;
  if (v === 'development' || v === 'test' || v === 'production') return v;
  return process.env.NODE_ENV === 'production' ? 'production' : 'development';
}

/** Test clocks, the developer page and its API exist only outside production. */
export function testClocksEnabled(): boolean {
  return appEnv() !== 'production';
}
