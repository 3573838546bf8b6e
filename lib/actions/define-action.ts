import 'server-only';
import { revalidatePath } from 'next/cache';
import { log, type Logger } from '@/lib/log';
import { logFailure, requestLog } from '@/lib/request-log';
import { failureMessage, localizeFieldErrors, requestLocale } from '@/lib/i18n/errors';
import type { Locale } from '@/lib/i18n/config';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { AppError, ERROR_CODES, type ErrorCode, type FieldErrors } from '@/lib/errors';
import { isBillingOnly } from '@/lib/enforcement/rules';
import { UNAVAILABLE_MESSAGE } from '@/db/availability';
import { requireUser, type CurrentUser, type CustomerUser, type Permission } from '@/lib/auth/guard';
import { formDataToObject, zodFieldErrors } from './form-data';

import type { ActionResult } from './types';

export type { ActionResult };

type UserFor<P extends Permission> = P extends 'customer' ? CustomerUser : CurrentUser;

export type ActionDefinition<S extends z.ZodType, T, P extends Permission> = {
  schema: S;
  permission: P;
  /** Customer actions are refused while the account is suspended or reclaimed, unless billing (top-up). */
  allowWhenSuspended?: boolean;
  run: (args: { input: z.output<S>; user: UserFor<P> }) => Promise<T>;
  /** Paths to revalidate after success. */
  revalidate?: string[] | ((data: T) => string[]);
  successMessage?: string | ((data: T) => string);
};

/**
 * The one way to make a server action (style.md, Server actions): check the session,
 * load the role from the database, validate with zod, run the domain, map errors to
 * values, revalidate. Usable with useActionState `(prev, formData)` or called with
 * a plain object. Next.js redirects thrown by `run` pass through.
 */
export function defineAction<S extends z.ZodType, T, P extends Permission>(def: ActionDefinition<S, T, P>) {
  return async function action(_prev: ActionResult<T> | null, payload: FormData | z.input<S>): Promise<ActionResult<T>> {
    const raw = payload instanceof FormData ? formDataToObject(payload) : payload;
    const values = payload instanceof FormData ? echoValues(payload) : undefined;
    const started = performance.now();
    let accountId: string | null = null;
    try {
      const user = (await requireUser(def.permission)) as UserFor<P>;
      accountId = user.account?.id ?? null;
      if (def.permission === 'customer' && !def.allowWhenSuspended && user.account && isBillingOnly(user.account.status)) {
        throw new AppError(
          'ACCOUNT_SUSPENDED',
          user.account.status === 'reclaimed'
            ? 'This account was reclaimed; only bills and the ledger remain.'
            : 'The account is suspended: only billing and top-up are available until it is lifted.',
          { key: user.account.status === 'reclaimed' ? 'accountReclaimed' : 'accountSuspendedBillingOnly' },
        );
      }
      const parsed = def.schema.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors = zodFieldErrors(parsed.error);
        const first = Object.entries(fieldErrors)[0];
        const refusal = first
          ? new AppError('VALIDATION', `${first[0]}: ${first[1][0]}`, { fieldErrors, key: 'fieldFirst', params: { field: first[0], message: first[1][0]! } })
          : new AppError('VALIDATION', undefined, { fieldErrors });
        return toFailure(refusal, values, { logger: await actionLog(accountId), durationMs: elapsed(started), locale: await requestLocale() });
      }
      const data = await def.run({ input: parsed.data, user });
      const paths = typeof def.revalidate === 'function' ? def.revalidate(data) : (def.revalidate ?? []);
      for (const p of paths) revalidatePath(p);
      const message = typeof def.successMessage === 'function' ? def.successMessage(data) : def.successMessage;
      (await actionLog(accountId)).info({ durationMs: elapsed(started) }, 'action done');
      return { ok: true, data, message };
    } catch (err) {
      unstable_rethrow(err);
      return toFailure(err, values, { logger: await actionLog(accountId), durationMs: elapsed(started), locale: await requestLocale() });
    }
  };
}

/** The action's logger: the request id (scripts/next-server.ts) and the account, when known. */
function actionLog(accountId: string | null): Promise<Logger> {
  return requestLog({ accountId });
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/**
 * An action's failure as a result value (lib/errors.ts, the error model), logged once by
 * `logFailure`: an AppError gives its code, message and field messages; the database
 * unreachable SERVICE_UNAVAILABLE (a retried form is not applied twice: idempotency keys);
 * anything else the generic INTERNAL message (never raw internals). Pass the request's logger
 * (`requestLog()`) so the line carries the request id.
 */
export function toFailure(
  err: unknown,
  values?: Record<string, string>,
  context: { logger?: Logger; durationMs?: number; locale?: Locale } = {},
): { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; values?: Record<string, string> } {
  const locale = context.locale ?? 'en';
  switch (logFailure(context.logger ?? log, err, 'action', { durationMs: context.durationMs })) {
    case 'expected': {
      const e = err as AppError;
      return { ok: false, code: e.code, message: failureMessage(locale, e), fieldErrors: localizeFieldErrors(locale, e.fieldErrors), values };
    }
    case 'unavailable':
      return { ok: false, code: 'SERVICE_UNAVAILABLE', message: failureMessage(locale, { code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE, key: 'serviceUnavailable' }), values };
    default:
      return { ok: false, code: 'INTERNAL', message: failureMessage(locale, { code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message }), values };
  }
}

/** `toFailure` with the request's logger (request id) and language: for actions outside `defineAction` (sign-in, sign-up). */
export async function actionFailure(err: unknown, values?: Record<string, string>) {
  return toFailure(err, values, { logger: await requestLog(), locale: await requestLocale() });
}

/** Submitted text fields, to refill a form after a failed action (never passwords or secrets). */
function echoValues(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries()) {
    if (typeof v !== 'string' || k.startsWith('$') || /password|secret/i.test(k)) continue;
    out[k] = v;
  }
  return out;
}
