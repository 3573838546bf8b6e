import { dec, quantize, type DecimalInput } from './decimal';

export type Currency = 'USD' | 'CNY';

export const CURRENCY_SYMBOL: Record<Currency, string> = { USD: '$', CNY: '¥' };

/** Money for display: half-up to 2 decimals, thousands separators, sign first. */
export function formatMoney(value: DecimalInput, currency: Currency): string {
  const q = quantize(value, 2);
  const negative = q.isNegative();
  const [whole, frac] = q.abs().toFixed(2).split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${CURRENCY_SYMBOL[currency]}${grouped}.${frac}`;
}

/** A quantity (minutes, thousands) with separators, keeping its own decimals. */
export function formatQuantity(value: DecimalInput): string {
  const d = dec(value);
  const [whole, frac] = d.abs().toFixed().split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${d.isNegative() ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}
