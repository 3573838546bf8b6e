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
  let f = quantityFormats.get(language);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[language], { maximumFractionDigits: 0 });
    quantityFormats.set(language, f);
  }
  const d = dec(value);
  const [whole, frac] = d.abs().toFixed().split('.') as [string, string | undefined];
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${f.format(whole as Intl.StringNumericLiteral)}${frac ? `.${frac}` : ''}`;
}
