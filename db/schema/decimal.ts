import DecimalJs from 'decimal.js';

/**
 * The one configured Decimal for money and fractional minutes: the type `numeric` columns
 * are read as (db/schema/columns.ts), re-exported by lib/money/decimal.ts with its helpers.
 * precision counts significant digits, not decimal places: 40 keeps every per-minute value
 * (8 decimals) and tier product exact. Rounding is half-up, the rule for display totals
 * (rating.md section 3).
 *
 * Imports nothing but decimal.js: client components reach it through lib/money, so no
 * drizzle or postgres code comes into a browser bundle with it.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;
