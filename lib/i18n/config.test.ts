import { describe, expect, it } from 'vitest';
import { accountLocale, prefersChinese, resolveLocale } from './config';

describe('resolveLocale (issue 14 item 4)', () => {
  it('an explicit choice (cookie) wins over the account and the browser', () => {
    expect(resolveLocale({ cookie: 'en', account: { currency: 'CNY', locale: 'zh' }, acceptLanguage: 'zh-CN' })).toBe('en');
    expect(resolveLocale({ cookie: 'zh', account: { currency: 'USD' }, acceptLanguage: 'en-US' })).toBe('zh');
  });
  it('ignores a cookie that is not a language of ours', () => {
    expect(resolveLocale({ cookie: 'fr', acceptLanguage: 'en' })).toBe('en');
    expect(resolveLocale({ cookie: 'zh-CN', acceptLanguage: 'zh' })).toBe('zh');
  });
  it('the account: saved choice first, then Chinese for CNY, English for USD', () => {
    expect(resolveLocale({ account: { currency: 'CNY', locale: 'en' }, acceptLanguage: 'zh' })).toBe('en');
    expect(resolveLocale({ account: { currency: 'CNY', locale: null }, acceptLanguage: 'en-US' })).toBe('zh');
    expect(resolveLocale({ account: { currency: 'USD', locale: null }, acceptLanguage: 'zh-CN' })).toBe('en');
    expect(accountLocale({ currency: 'USD', locale: 'zh' })).toBe('zh');
  });
  it('signed out: the browser decides', () => {
    expect(resolveLocale({ acceptLanguage: 'zh-CN,zh;q=0.9,en;q=0.8' })).toBe('zh');
    expect(resolveLocale({ acceptLanguage: 'en-US,en;q=0.9,zh-CN;q=0.8' })).toBe('en');
    expect(resolveLocale({ acceptLanguage: 'ja,zh-TW;q=0.5' })).toBe('zh');
    expect(resolveLocale({ acceptLanguage: null })).toBe('en');
  });
  it('Accept-Language parsing: q=0 is refusal, malformed parts are ignored', () => {
    expect(prefersChinese('zh;q=0, en')).toBe(false);
    expect(prefersChinese('zh;q=abc')).toBe(false);
    expect(prefersChinese(',,zh-Hans')).toBe(true);
  });
});
