import { z } from 'zod';
import { listPriceBooks } from '@/lib/rating';
import { moneySchema } from '@/lib/money/schemas';
import { signUpSchema } from './schemas';

const BOOK_IDS = listPriceBooks().map((b) => b.id) as [string, ...string[]];
const priceBookId = z.enum(BOOK_IDS, { error: `Price book must be one of ${BOOK_IDS.join(', ')}.` });

/**
 * An admin creates a customer account on any price book of lib/rating (issue 12); the
 * currency follows the book (lifecycle.md, Account). The owner gets a first password
 * from the admin or an emailed invitation, and can change nothing else about the book.
 */
const firstPassword = z
  .string({ error: 'First password is required.' })
  .min(10, 'First password must be at least 10 characters.')
  .max(200, 'First password must be at most 200 characters.');

/**
 * `invite`: `password` (the admin gives the owner a first password) or `email` (the owner
 * gets an emailed link to choose one; the first password is then left empty).
 */
export const adminCreateAccountSchema = z
  .object({
    name: signUpSchema.shape.name,
    email: signUpSchema.shape.email,
    invite: z.enum(['password', 'email'], { error: 'Choose how the owner gets in: a first password or an email invitation.' }).default('password'),
    password: z.preprocess((v) => (v === '' ? undefined : v), firstPassword.optional()),
    priceBookId,
  })
  .superRefine((v, ctx) => {
    if (v.invite === 'password' && v.password === undefined) ctx.addIssue({ code: 'custom', path: ['password'], message: 'First password is required (or invite the owner by email).' });
  });
export type AdminCreateAccountInput = z.infer<typeof adminCreateAccountSchema>;

const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label} must be an ISO 8601 date-time with an offset, e.g. 2024-10-01T00:00:00+08:00.` });

/**
 * Body of POST /api/dev/accounts (docs/dev-api.md): a test customer with a chosen book,
 * registration and first-application times, opening balance and an optional test clock.
 * Entitlements default to what the product gives (monthly free minutes where the book has
 * them; the 2022 trial on trtc-2022-cny) and can be switched off to reproduce a case without them.
 */
export const devCreateAccountSchema = z
  .object({
    priceBookId,
    name: signUpSchema.shape.name.optional(),
    email: signUpSchema.shape.email.optional(),
    password: firstPassword.optional(),
    registeredAt: instant('registeredAt').optional(),
    firstApplicationAt: instant('firstApplicationAt').optional(),
    applicationName: z.string().trim().min(1, 'applicationName must not be empty.').max(60, 'applicationName must be at most 60 characters.').optional(),
    balance: moneySchema('balance', { min: '0', max: '1000000' }).optional(),
    monthlyFreeMinutes: z.boolean({ error: 'monthlyFreeMinutes must be true or false.' }).optional(),
    trial: z.boolean({ error: 'trial must be true or false.' }).optional(),
    testClock: z.union([z.literal(true), z.strictObject({ startAt: instant('testClock.startAt').optional() })], { error: 'testClock must be true or { "startAt": ISO 8601 }.' }).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.registeredAt && b.firstApplicationAt && Date.parse(b.firstApplicationAt) < Date.parse(b.registeredAt)) {
      ctx.addIssue({ code: 'custom', path: ['firstApplicationAt'], message: 'firstApplicationAt must not be before registeredAt.' });
    }
    const start = b.testClock && b.testClock !== true ? b.testClock.startAt : undefined;
    if (start && b.registeredAt && Date.parse(start) < Date.parse(b.registeredAt)) {
      ctx.addIssue({ code: 'custom', path: ['testClock', 'startAt'], message: 'testClock.startAt must not be before registeredAt.' });
    }
  });
export type DevCreateAccountInput = z.infer<typeof devCreateAccountSchema>;
