import { describe, expect, test } from 'vitest';
import { translatorFor } from './translator';

describe('translatorFor', () => {
  test('one translator per language and namespace, shared by every caller', () => {
    expect(translatorFor('en', 'bills')).toBe(translatorFor('en', 'bills'));
    expect(translatorFor('zh', 'bills')).not.toBe(translatorFor('en', 'bills'));
    expect(translatorFor('en', 'balance')).not.toBe(translatorFor('en', 'bills'));
  });

  test('each keeps its own language and namespace', () => {
    expect(translatorFor('en', 'bills')('kind.daily')).not.toBe(translatorFor('zh', 'bills')('kind.daily'));
    expect(translatorFor('zh', 'balance')('ledger.kind.top_up')).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('admin job runs', () => {
  test('a run’s duration is worded with two decimals in each language, and the maintenance lane is named', () => {
    expect(translatorFor('en', 'admin')('jobs.seconds', { seconds: 1.5 })).toBe('1.50 s');
    expect(translatorFor('en', 'admin')('jobs.seconds', { seconds: 1234.567 })).toBe('1,234.57 s');
    expect(translatorFor('zh', 'admin')('jobs.seconds', { seconds: 0.004 })).toBe('0.00 秒');
    expect(translatorFor('en', 'admin')('jobs.systemLane')).toBe('Maintenance (no account)');
  });
});
