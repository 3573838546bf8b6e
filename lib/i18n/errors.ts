import { ERROR_CODES, type ErrorCode, type ErrorMessageKey, type FieldErrors } from '@/lib/errors';
import type { Locale } from './config';
import { MESSAGES } from './messages';
import { translatorFor } from './translator';

/**
 * User-facing failure messages in the reader's language (lib/errors.ts, the error model): an
 * action's answer is resolved here by code and key, once, in `toFailure`. English is the
 * text thrown, word for word (specs and tests read it); Chinese comes from the `errors`
 * catalogue: `messages.<key>` (with its params) for an AppError thrown with a `key`, `codes.<CODE>`
 * for a code's default message, `fields.<id>` for a known field message (the zod schemas' and
 * the password policy's), else the English text as thrown.
 */
export async function requestLocale(): Promise<Locale> {
  try {
    const { getLocale } = await import('next-intl/server');
    return (await getLocale()) as Locale;
  } catch {
    return 'en'; // outside a request (tests, scripts)
  }
}

export type LocalizableFailure = { code: ErrorCode; message: string; key?: ErrorMessageKey; params?: Record<string, string | number> };

export function failureMessage(locale: Locale, failure: LocalizableFailure): string {
  if (locale === 'en') return failure.message;
  const t = translatorFor(locale, 'errors');
  if (failure.key) {
    // String arguments that are themselves known field messages are given in the same language.
    const params = Object.fromEntries(Object.entries(failure.params ?? {}).map(([k, v]) => [k, typeof v === 'string' ? fieldMessage(locale, v) : v]));
    return t(`messages.${failure.key}`, params as never);
  }
  if (failure.message === ERROR_CODES[failure.code].message) return t(`codes.${failure.code}`);
  return fieldMessage(locale, failure.message);
}

const FIELD_KEYS = new Map(Object.entries(MESSAGES.en.errors.fields).map(([key, text]) => [text as string, key as keyof typeof MESSAGES.en.errors.fields]));

/** A field message (zod's or a rule's) in `locale`: the catalogue's when the English text is known, else as is. */
export function fieldMessage(locale: Locale, message: string): string {
  if (locale === 'en') return message;
  const key = FIELD_KEYS.get(message);
  return key ? MESSAGES[locale].errors.fields[key] : message;
}

export function localizeFieldErrors(locale: Locale, fieldErrors: FieldErrors | undefined): FieldErrors | undefined {
  if (!fieldErrors || locale === 'en') return fieldErrors;
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, messages]) => [field, messages.map((m) => fieldMessage(locale, m))]));
}
