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
