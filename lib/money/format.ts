import { INTL_LOCALE, type Locale } from '@/lib/i18n/config';
import { dec, quantize, type DecimalInput } from './decimal';

export type Currency = 'USD' | 'CNY';

export const CURRENCY_SYMBOL: Record<Currency, string> = { USD: '$', CNY: '¥' };

const moneyFormats = new Map<string, Intl.NumberFormat>();
const quantityFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * Money for display: half-up to 2 decimals (rating.md section 3), then Intl for the language's
 * separators and sign. Intl gets the rounded Decimal as a string, which it formats digit for
 * digit (no float on the way). narrowSymbol: ¥ and $ in both languages, not "CN¥".
 */
export function formatMoney(value: DecimalInput, currency: Currency, language: Locale = 'en'): string {
  const key = `${language}:${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[language], { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    moneyFormats.set(key, f);
  }
  return f.format(quantize(value, 2).toFixed(2) as Intl.StringNumericLiteral);
}

/**
 * A quantity (minutes, thousands) with the language's separators, keeping every decimal it has
 * (Intl stops at 20 fraction digits on Node 20, so only the whole part goes through Intl; both
 * languages write the decimal point as ".").
 */
export function formatQuantity(value: DecimalInput, language: Locale = 'en'): string {
  // Fast path (a day's bill explains 5,000 lines, each with several quantities): a safe integer or a
  // string already in Decimal's plain form, in English, grouped by three as en-US Intl groups it.
  if (language === 'en') {
    const text = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : null) : typeof value === 'string' && PLAIN.test(value) && value !== '-0' ? value : null;
    if (text !== null) return groupThousands(text);
  }
  let f = quantityFormats.get(language);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[language], { maximumFractionDigits: 0 });
    quantityFormats.set(language, f);
  }
  const d = dec(value);
  const [whole, frac] = d.abs().toFixed().split('.') as [string, string | undefined];
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${f.format(whole as Intl.StringNumericLiteral)}${frac ? `.${frac}` : ''}`;
}

/** What Decimal's toFixed() writes: no exponent, no leading zeros, no trailing zeros in the fraction. */
const PLAIN = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** '-1234567.25' → '-1,234,567.25' (en-US grouping: commas every three digits of the whole part). */
function groupThousands(text: string): string {
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  const dot = text.indexOf('.');
  const end = dot === -1 ? text.length : dot;
  if (end - start <= 3) return text;
  const first = (end - start) % 3 || 3;
  let out = text.slice(0, start + first);
  for (let i = start + first; i < end; i += 3) out += `,${text.slice(i, i + 3)}`;
  return out + text.slice(end);
}
