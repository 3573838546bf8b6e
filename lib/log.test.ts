import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, defaultLevel, pathOnly, requestIdFrom } from './log';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { lines, destination };
}

describe('lib/log (issue 14 item 7)', () => {
  it('writes JSON lines with the context an operator follows (request id, account id, job id, duration)', async () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.child({ reqId: 'req-12345678', accountId: 'acc-1' }).info({ durationMs: 12 }, 'action done');
    logger.child({ jobId: 42, jobKey: 'settle:2026-12-01' }).error({ err: new Error('boom') }, 'job failed');
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).toMatchObject({ level: 'info', reqId: 'req-12345678', accountId: 'acc-1', durationMs: 12, msg: 'action done' });
    expect(lines[1]).toMatchObject({ level: 'error', jobId: 42, jobKey: 'settle:2026-12-01', msg: 'job failed', err: { message: 'boom' } });
    expect(typeof lines[0]!.time).toBe('string');
  });
  it('is quiet under tests unless LOG_LEVEL says otherwise', () => {
    expect(defaultLevel({ VITEST: 'true' })).toBe('warn');
    expect(defaultLevel({ APP_ENV: 'test' })).toBe('warn');
    expect(defaultLevel({ VITEST: 'true', LOG_LEVEL: 'debug' })).toBe('debug');
    expect(defaultLevel({})).toBe('info');
  });
  it('keeps a proxy-given request id only when it is a plain token, and never logs query strings', () => {
    expect(requestIdFrom('abcd-1234-efgh', () => 'new')).toBe('abcd-1234-efgh');
    expect(requestIdFrom('bad id\nwith newline', () => 'new')).toBe('new');
    expect(requestIdFrom(undefined, () => 'new')).toBe('new');
    expect(pathOnly('/reset-password?token=secret')).toBe('/reset-password');
  });
});
