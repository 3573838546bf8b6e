import { z } from 'zod';
import { moneySchema } from '@/lib/money/schemas';

export const PRICE_BOOK_BY_CURRENCY = { USD: 'trtc-2024-usd', CNY: 'trtc-2022-cny' } as const;

export const signUpSchema = z.object({
  name: z.string({ error: 'Name is required.' }).trim().min(2, 'Name must be at least 2 characters.').max(80, 'Name must be at most 80 characters.'),
  email: z
    .string({ error: 'Email is required.' })
    .trim()
    .toLowerCase()
    .min(1, 'Email is required.')
    .email('Email must be an address like name@example.com.')
    .max(200, 'Email must be at most 200 characters.'),
  // Length here; the rest of the policy (common passwords, the email or name) in lib/auth/password-policy.ts (issue 13 item 6).
  password: z
    .string({ error: 'Password is required.' })
    .min(12, 'Password must be at least 12 characters.')
    .max(200, 'Password must be at most 200 characters.'),
  currency: z.enum(['USD', 'CNY'], { error: 'Currency must be USD or CNY.' }).default('USD'),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: z.string({ error: 'Email is required.' }).trim().toLowerCase().min(1, 'Email is required.').email('Email must be an address like name@example.com.'),
  password: z.string({ error: 'Password is required.' }).min(1, 'Password is required.'),
  callbackUrl: z.string().optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Luhn checksum of a card number (digits only). */
export function luhnValid(digits: string): boolean {
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
  }
  return total % 10 === 0;
}

/**
 * A top-up through the simulated payment form (issue 4: no real payment provider): an
 * amount and a card-like number. Only the last four digits are kept, as the ledger reference.
 */
export const topUpSchema = z.object({
  amount: moneySchema('Amount', { positive: true, min: '1', max: '100000' }),
  cardNumber: z
    .string({ error: 'Card number is required.' })
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'Card number is required.')
        .regex(/^\d{12,19}$/, 'Card number must be 12 to 19 digits, like 4242 4242 4242 4242.')
        .refine(luhnValid, 'Card number is not valid (checksum); try the test card 4242 4242 4242 4242.'),
    ),
  idempotencyKey: z.string({ error: 'The form is out of date; reload the page.' }).min(16, 'The form is out of date; reload the page.').max(100),
});
export type TopUpInput = z.infer<typeof topUpSchema>;

/** The simulated processor declines this test card (as the well-known test numbers do). */
export const DECLINED_TEST_CARD = '4000000000000002';
