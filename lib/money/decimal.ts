import { Decimal } from '@/db/schema/decimal';

/**
 * The one configured Decimal for money and fractional minutes (configured where `numeric`
 * columns are read, db/schema/decimal.ts: precision 40, half-up), and its helpers.
 */
export { Decimal };
export type DecimalInput = Decimal | string | number;

export const ZERO = new Decimal(0);

export function dec(value: DecimalInput): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

/** Sum exactly; an empty list sums to zero. */
export function sum(values: Iterable<DecimalInput>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(dec(v));
  return total;
}

/** Round half-up to `places` (2 for display totals, rating.md section 3). */
export function quantize(value: DecimalInput, places = 2): Decimal {
  return dec(value).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** Canonical string for storage and JSON: no exponent, no trailing zeros. */
export function toPlain(value: DecimalInput): string {
  const d = dec(value);
  return d.isZero() ? '0' : d.toFixed();
}
