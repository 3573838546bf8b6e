import { customType, timestamp } from 'drizzle-orm/pg-core';
import { Decimal } from './decimal';

/**
 * Money and fractional minutes: PostgreSQL `numeric` read as a string and turned
 * into the configured Decimal (never a JS float). Precision/scale are unbounded so
 * per-minute values to 8 decimals and exact sums survive (rating.md section 3).
 */
export const decimal = customType<{ data: Decimal; driverData: string }>({
  dataType() {
    return 'numeric';
  },
  toDriver(value) {
    return value.toFixed();
  },
  fromDriver(value) {
    return new Decimal(value);
  },
});

/** Every instant is a timestamptz (guide: Time). */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
