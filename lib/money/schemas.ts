import { z } from 'zod';
import { Decimal } from './decimal';

/**
 * A money amount from a form: a decimal string (never z.coerce.number()), turned
 * into Decimal. `places` is the currency scale; min/max are inclusive unless stated.
 */
export function moneySchema(label: string, options: { places?: number; min?: string; max?: string; allowNegative?: boolean; positive?: boolean } = {}) {
  const places = options.places ?? 2;
  const re = options.allowNegative ? new RegExp(`^-?\\d{1,12}(\\.\\d{1,${places}})?$`) : new RegExp(`^\\d{1,12}(\\.\\d{1,${places}})?$`);
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .regex(re, `${label} must be a number with at most ${places} decimals, like 25 or 19.90.`)
    .transform((s) => new Decimal(s))
    .superRefine((d, ctx) => {
      if (options.positive && !d.greaterThan(0)) ctx.addIssue({ code: 'custom', message: `${label} must be above 0.` });
      if (options.min !== undefined && d.lessThan(options.min)) ctx.addIssue({ code: 'custom', message: `${label} must be at least ${options.min}.` });
      if (options.max !== undefined && d.greaterThan(options.max)) ctx.addIssue({ code: 'custom', message: `${label} must be at most ${options.max}.` });
    });
}
