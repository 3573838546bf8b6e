import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { signUpSchema } from '@/lib/accounts/schemas';
import { zodFieldErrors } from '@/lib/actions/form-data';
import { toFailure } from '@/lib/actions/define-action';
import { ServiceUnavailableError, UNAVAILABLE_MESSAGE } from '@/db/availability';
import { AppError, ERROR_CODES } from '@/lib/errors';
import { createLogger } from '@/lib/log';
import { MESSAGES } from './messages';

vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/auth/guard', () => ({ requireUser: vi.fn() }));

/**
 * The error model's answers in the reader's language (lib/i18n/errors.ts): English exactly as
 * thrown (specs read it), Chinese from the `errors` catalogue by code, key or known field message.
 */
const quiet = createLogger({ level: 'silent' });
const fail = (err: unknown, locale: 'en' | 'zh') => toFailure(err, undefined, { logger: quiet, locale });

describe('errors catalogue', () => {
  test("English codes are ERROR_CODES' messages word for word, and every code has one", () => {
    expect(MESSAGES.en.errors.codes).toEqual(Object.fromEntries(Object.entries(ERROR_CODES).map(([code, { message }]) => [code, message])));
    expect(Object.keys(MESSAGES.zh.errors.codes).sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  test('English keyed messages are the ones thrown', () => {
    expect(MESSAGES.en.errors.messages.serviceUnavailable).toBe(UNAVAILABLE_MESSAGE);
    expect(MESSAGES.en.errors.messages.fieldFirst).toBe('{field}: {message}');
  });

  test('the sign-up schema messages are all in the catalogue (Chinese for every one)', () => {
    const known = new Set(Object.values(MESSAGES.en.errors.fields));
    const r = signUpSchema.safeParse({ name: 'x', email: 'nope', password: 'short', currency: 'EUR' });
    const messages = Object.values(zodFieldErrors(r.error!)).flat();
    expect(messages.length).toBeGreaterThanOrEqual(4);
    for (const m of messages) expect(known.has(m), m).toBe(true);
  });
});

describe('toFailure in a language', () => {
  test('English: the message and field messages exactly as thrown', () => {
    const err = new AppError('INVALID_STATE', 'This reset link has expired or was already used. Ask for a new one.', { key: 'resetLinkExpired', fieldErrors: { password: ['Password is required.'] } });
    expect(fail(err, 'en')).toMatchObject({ code: 'INVALID_STATE', message: 'This reset link has expired or was already used. Ask for a new one.', fieldErrors: { password: ['Password is required.'] } });
    expect(fail(new AppError('NOT_FOUND'), 'en').message).toBe('Not found.');
  });

  test('Chinese: by key (with params), by code, known field messages; unknown text stays English', () => {
    const keyed = new AppError('INVALID_STATE', 'This reset link has expired or was already used. Ask for a new one.', { key: 'resetLinkExpired' });
    expect(fail(keyed, 'zh').message).toBe(MESSAGES.zh.errors.messages.resetLinkExpired);
    expect(fail(new AppError('NOT_FOUND'), 'zh').message).toBe('未找到。');
    const validation = new AppError('VALIDATION', 'email: Email is required.', { key: 'fieldFirst', params: { field: 'email', message: 'Email is required.' }, fieldErrors: { email: ['Email is required.'], note: ['Something only English knows.'] } });
    expect(fail(validation, 'zh')).toMatchObject({ message: 'email：请填写邮箱。', fieldErrors: { email: ['请填写邮箱。'], note: ['Something only English knows.'] } });
    expect(fail(new AppError('INVALID_STATE', 'A message without a key.'), 'zh').message).toBe('A message without a key.');
  });

  test('the outage and unexpected errors in Chinese too', () => {
    expect(fail(new ServiceUnavailableError(), 'zh')).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: MESSAGES.zh.errors.messages.serviceUnavailable });
    expect(fail(new ServiceUnavailableError(), 'en').message).toBe(UNAVAILABLE_MESSAGE);
    expect(fail(new Error('boom'), 'zh')).toMatchObject({ code: 'INTERNAL', message: MESSAGES.zh.errors.codes.INTERNAL });
  });

  test('a zod refusal of any schema keeps its English wording', () => {
    const r = z.object({ amount: z.string().min(1, 'Enter an amount.') }).safeParse({ amount: '' });
    const err = new AppError('VALIDATION', undefined, { fieldErrors: zodFieldErrors(r.error!) });
    expect(fail(err, 'en')).toMatchObject({ message: 'Some fields need attention.', fieldErrors: { amount: ['Enter an amount.'] } });
  });
});
