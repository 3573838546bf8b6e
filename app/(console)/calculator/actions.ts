'use server';

import { db } from '@/db';
import { rawSqlOf } from '@/db/raw';
import { listDailyUsage } from '@/lib/usage/queries';
import { defineAction } from '@/lib/actions/define-action';
import { accountNow } from '@/lib/clock';
import { comparePrices, quantitiesFromUsage, type CalculatorAnswer } from '@/lib/calculator/compare';
import { calculatorSchema } from '@/lib/calculator/schemas';
import { AppError } from '@/lib/errors';
import { aggregatePendingUsage } from '@/lib/usage/aggregates';
import { lastDayOfMonth, localDate, previousMonthStart } from '@/lib/time/local-date';

/**
 * The price calculator (pure over lib/rating's calculatePrice); "start from last month's
 * usage" reads the account's own statistics for the previous calendar month (account time).
 */
export const calculateAction = defineAction({
  schema: calculatorSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }): Promise<CalculatorAnswer> => {
    if (input.intent === 'last-month') {
      await aggregatePendingUsage(rawSqlOf(db), user.accountId);
      const month = previousMonthStart(localDate(await accountNow(db, user.accountId)));
      const rows = await listDailyUsage(db, user.accountId, { from: month, to: lastDayOfMonth(month) });
      const quantities = quantitiesFromUsage(input.bookId, rows);
      if (!Object.keys(quantities).length) {
        throw new AppError('NOT_FOUND', `No usage in ${month.slice(0, 7)} to start from. Enter the minutes you expect instead.`);
      }
      return { comparison: comparePrices(input.bookId, quantities), quantities, bookId: input.bookId, source: 'last-month', month: month.slice(0, 7), run: Date.now() };
    }
    if (!Object.values(input.quantities).some((q) => Number(q) > 0)) {
      throw new AppError('VALIDATION', "Enter the minutes of at least one item, or start from last month's usage.");
    }
    return { comparison: comparePrices(input.bookId, input.quantities), quantities: input.quantities, bookId: input.bookId, source: 'input', run: Date.now() };
  },
});
