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
});
