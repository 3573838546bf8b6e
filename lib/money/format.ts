import { dec, quantize, type DecimalInput } from './decimal';

export type Currency = 'USD' | 'CNY';

export const CURRENCY_SYMBOL: Record<Currency, string> = { USD: '$', CNY: '¥' };

/** The console's languages as Intl tags (lib/i18n/config.ts owns the language rules). */
type Language = 'en' | 'zh';
const INTL_TAG: Record<Language, string> = { en: 'en-US', zh: 'zh-CN' };
const moneyFormats = new Map<string, Intl.NumberFormat>();
const quantityFormats = new Map<Language, Intl.NumberFormat>();

/**
 * Money for display: half-up to 2 decimals (rating.md section 3), then Intl for the language's
 * separators and sign. Intl gets the rounded Decimal as a string, which it formats digit for
 * digit (no float on the way). narrowSymbol: ¥ and $ in both languages, not "CN¥".
 */
export function formatMoney(value: DecimalInput, currency: Currency, language: Language = 'en'): string {
  const key = `${language}:${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_TAG[language], { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    moneyFormats.set(key, f);
  }
  return f.format(quantize(value, 2).toFixed(2) as Intl.StringNumericLiteral);
}

/**
 * A quantity (minutes, thousands) with the language's separators, keeping every decimal it has
 * (Intl stops at 20 fraction digits on Node 20, so only the whole part goes through Intl; both
 * languages write the decimal point as ".").
 */
export function formatQuantity(value: DecimalInput, language: Language = 'en'): string {
  let f = quantityFormats.get(language);
  if (!f) {
    f = new Intl.NumberFormat(INTL_TAG[language], { maximumFractionDigits: 0 });
    quantityFormats.set(language, f);
  }
  const d = dec(value);
  const [whole, frac] = d.abs().toFixed().split('.') as [string, string | undefined];
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${f.format(whole as Intl.StringNumericLiteral)}${frac ? `.${frac}` : ''}`;
}
