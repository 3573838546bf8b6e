import { describe, expect, it } from 'vitest';
import { formatMoney, formatQuantity } from './format';

describe('formatMoney / formatQuantity (Intl, exact)', () => {
  it('rounds half-up once and groups, in both languages', () => {
    expect(formatMoney('1234.505', 'USD')).toBe('$1,234.51');
    expect(formatMoney('-0.125', 'CNY', 'zh')).toBe('-¥0.13');
    expect(formatMoney('12345678901234567.445', 'CNY', 'zh')).toBe('¥12,345,678,901,234,567.45');
    expect(formatMoney('0', 'USD')).toBe('$0.00');
  });
  it('keeps every decimal of a quantity, even past 20 places', () => {
    expect(formatQuantity('1234567.0000000000000000000001')).toBe('1,234,567.0000000000000000000001');
    expect(formatQuantity('-12.5', 'zh')).toBe('-12.5');
    expect(formatQuantity('0')).toBe('0');
  });
  it('writes English quantities as Intl en-US does, on its fast path too', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    const viaIntl = (text: string) => {
      const neg = text.startsWith('-') && !/^-0(\.0*)?$/.test(text);
      const [whole, frac] = text.replace(/^-/, '').split('.') as [string, string | undefined];
      return `${neg ? '-' : ''}${intl.format(whole as Intl.StringNumericLiteral)}${frac ? `.${frac}` : ''}`;
    };
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const samples: (string | number)[] = [0, 1, 12, 123, 1234, 12345, 123456, 1234567, -1, -999, -1000, Number.MAX_SAFE_INTEGER, '0', '-0.5', '0.000001', '1000.5', '-1234567.000000000001', '999999.999'];
    for (let i = 0; i < 2000; i++) {
      const whole = String(next() % 10 ** (1 + (next() % 9)));
      const frac = next() % 3 ? '' : `.${String(next()).replace(/0+$/, '') || '1'}`;
      const sign = next() % 4 ? '' : '-';
      samples.push(`${sign}${whole}${frac}`, Number(`${sign}${whole}`));
    }
    for (const v of samples) {
      const text = typeof v === 'number' ? String(v) : v;
      if (text === '-0') continue;
      expect(formatQuantity(v), String(v)).toBe(viaIntl(text));
    }
    // Not plain (exponent, trailing zeros, a Decimal, -0, beyond safe integers): the Intl path, same words.
    expect(formatQuantity('1e3')).toBe('1,000');
    expect(formatQuantity('1.50')).toBe('1.5');
    expect(formatQuantity('-0')).toBe('0');
    expect(formatQuantity(2 ** 60)).toBe('1,152,921,504,606,847,000');
  });
});

