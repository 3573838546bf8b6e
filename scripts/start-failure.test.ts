import { describe, expect, it } from 'vitest';
import { StartFailure } from '@/db/embedded';
import { explainStartFailure } from './start-failure';

describe('explainStartFailure: one paragraph per start failure, never a stack trace', () => {
  const err = (code: string, message: string, extra: object = {}) => Object.assign(new Error(message), { code, ...extra });

  it('names the taken port and how to choose another', () => {
    const m = explainStartFailure(err('EADDRINUSE', 'listen EADDRINUSE: address already in use :::3000', { port: 3000 }));
    expect(m).toContain('port 3000 is already in use');
    expect(m).toContain('PORT=<port>');
  });
  it('says the disk is full', () => {
    expect(explainStartFailure(err('ENOSPC', 'ENOSPC: no space left on device, write'))).toContain('the disk is full');
  });
  it('tells a missing package to npm ci', () => {
    expect(explainStartFailure(err('ERR_MODULE_NOT_FOUND', "Cannot find package 'next'\nat x"))).toMatch(/package is missing .*npm ci/);
  });
  it('keeps a prepared paragraph as it is', () => {
    expect(explainStartFailure(new StartFailure('The embedded PostgreSQL binaries are not installed.'))).toBe('The embedded PostgreSQL binaries are not installed.');
  });
  it('keeps only the first line of anything else (no stack)', () => {
    const m = explainStartFailure(new Error('boom\n    at foo (x.ts:1:1)'));
    expect(m).not.toContain('at foo');
    expect(m.split('\n')).toHaveLength(1);
  });
});
