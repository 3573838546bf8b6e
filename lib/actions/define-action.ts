import 'server-only';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { log } from '@/lib/log';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { AppError, ERROR_CODES, type ErrorCode, type FieldErrors } from '@/lib/errors';
import { isBillingOnly } from '@/lib/enforcement/rules';
import { isDatabaseUnavailable, noteDatabaseUnavailable, unavailableDetail, UNAVAILABLE_MESSAGE } from '@/lib/availability';
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
        );
      }
      const parsed = def.schema.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors = zodFieldErrors(parsed.error);
        const first = Object.entries(fieldErrors)[0];
        return {
          ok: false,
          code: 'VALIDATION',
          message: first ? `${first[0]}: ${first[1][0]}` : ERROR_CODES.VALIDATION.message,
          fieldErrors,
          values,
        };
      }
      const data = await def.run({ input: parsed.data, user });
      const paths = typeof def.revalidate === 'function' ? def.revalidate(data) : (def.revalidate ?? []);
      for (const p of paths) revalidatePath(p);
      const message = typeof def.successMessage === 'function' ? def.successMessage(data) : def.successMessage;
      (await actionLog(accountId)).info({ durationMs: elapsed(started) }, 'action done');
      return { ok: true, data, message };
    } catch (err) {
      unstable_rethrow(err);
      return toFailure(err, values, { logger: await actionLog(accountId), durationMs: elapsed(started) });
    }
  };
}

/** The action's logger: the request id (scripts/next-server.ts) and the account, when known. */
async function actionLog(accountId: string | null) {
  let reqId: string | null = null;
  try {
    reqId = (await headers()).get('x-request-id');
  } catch {
    reqId = null; // called outside a request (tests, scripts)
  }
  return log.child({ reqId, accountId });
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

export function toFailure(
  err: unknown,
  values?: Record<string, string>,
  context: { logger?: typeof log; durationMs?: number } = {},
): { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; values?: Record<string, string> } {
  const logger = context.logger ?? log;
  if (err instanceof AppError) {
    logger.info({ code: err.code, durationMs: context.durationMs }, 'action refused');
    return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors, values };
  }
  // The database is unreachable for a moment: say so (a retried form is not applied twice: idempotency keys).
  if (isDatabaseUnavailable(err)) {
    noteDatabaseUnavailable();
    logger.warn({ detail: unavailableDetail(err), durationMs: context.durationMs }, 'action: database unavailable');
    return { ok: false, code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE, values };
  }
  // Not an expected failure: log with context, show a generic message (never raw internals).
  logger.error({ err, durationMs: context.durationMs }, 'action: unexpected error');
  return { ok: false, code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message, values };
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
