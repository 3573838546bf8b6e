// The rating submodule, not the `@/lib/rating` barrel: the purchase form (a client component)
// imports this file, and the barrel would bring the whole rater into the browser bundle.
import { priceUniversalPackage } from '@/lib/rating/packages';
import { Decimal } from '@/lib/money/decimal';

/** 2022 universal packages of a custom size: X thousand minutes (seed 002 · 计费价格 · 自定义套餐包). */
export const UNIVERSAL_CUSTOM_CODE = 'universal.custom';
export const UNIVERSAL_CUSTOM_MAX_THOUSANDS = 100_000;

/**
 * The price of a custom universal package of `thousands` thousand minutes, exactly as a
 * purchase charges it (lib/rating priceUniversalPackage), or null for a size not sold.
 */
export function customUniversalPrice(thousands: number): Decimal | null {
  if (!Number.isSafeInteger(thousands) || thousands < 1 || thousands > UNIVERSAL_CUSTOM_MAX_THOUSANDS) return null;
  return new Decimal(priceUniversalPackage(thousands * 1000).price);
}
