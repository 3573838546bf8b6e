import { z } from 'zod';

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
  password: z
    .string({ error: 'Password is required.' })
    .min(10, 'Password must be at least 10 characters.')
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
