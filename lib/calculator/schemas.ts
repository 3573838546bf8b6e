import { z } from 'zod';
import { findPriceBook } from '@/lib/rating';

/**
 * The calculator form: a price book, an intent, and one `q:<item>` field per item
 * (minutes, Mbps or thousands; decimal text, never a float). Empty means zero.
 */
export const QUANTITY_PREFIX = 'q:';
const QUANTITY_RE = /^\d{1,12}(\.\d{1,3})?$/;

export const calculatorSchema = z
  .object({
    bookId: z.string({ error: 'Choose a price book.' }).refine((id) => !!findPriceBook(id), { error: 'Choose a price book from the list.' }),
    intent: z.enum(['calculate', 'last-month']).catch('calculate'),
  })
  .catchall(z.unknown())
  .transform((v, ctx) => {
    const book = findPriceBook(v.bookId);
    const quantities: Record<string, string> = {};
    for (const [key, raw] of Object.entries(v)) {
      if (!key.startsWith(QUANTITY_PREFIX)) continue;
      const item = key.slice(QUANTITY_PREFIX.length);
      const text = typeof raw === 'string' ? raw.trim().replace(/,/g, '') : '';
      if (text === '') continue;
      if (!book?.items.some((i) => i.code === item)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `Not an item of ${v.bookId}.` });
      } else if (!QUANTITY_RE.test(text)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'Enter a number of at most 12 digits and 3 decimals, like 60000.' });
      } else {
        quantities[item] = text;
      }
    }
    return { bookId: v.bookId, intent: v.intent, quantities };
  });

export type CalculatorInput = z.infer<typeof calculatorSchema>;
