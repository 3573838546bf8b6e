/**
 * The application's one error model (style.md, Errors; issue 15): every expected failure is an
 * `AppError` with a code of ERROR_CODES (its HTTP status and default message). Domain code,
 * the usage API and the import throw it; it is mapped once per kind of answer:
 * - route handlers: `route(...)` / `errorResponse` (lib/http/route.ts) → the code's status and
 *   `{ error: { code, message, fieldErrors?, details?, errorCount? } }` (`errorBody` below);
 * - server actions: `toFailure` (lib/actions/define-action.ts) → `{ ok: false, code, message, fieldErrors }`;
 * - logs: `logFailure` (lib/request-log.ts): expected → info with its code, the database
 *   unreachable → warn, anything else → error with the stack, each with the request id.
 * Any other error is shown as the generic INTERNAL message (never internals).
 */
export const ERROR_CODES = {
  VALIDATION: { status: 400, message: 'Some fields need attention.' },
  UNAUTHENTICATED: { status: 401, message: 'Please sign in.' },
  FORBIDDEN: { status: 403, message: 'You do not have access to this.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  CONFLICT: { status: 409, message: 'This conflicts with the current state; reload and try again.' },
  INVALID_STATE: { status: 409, message: 'This is not allowed in the current state.' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: 'This request was already made with other details; nothing was changed.' },
  INSUFFICIENT_BALANCE: { status: 402, message: 'The balance cannot pay for this.' },
  ACCOUNT_SUSPENDED: { status: 403, message: 'The account is suspended.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts; wait a few minutes and try again.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNAVAILABLE: { status: 503, message: 'The service is not available in this deployment.' },
  /** The database is unreachable for a moment (db/availability.ts): 503 with Retry-After. */
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is briefly unavailable. Try again in a few seconds.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. It has been logged.' },
  // The usage API and the usage file import (docs/usage-api.md, Errors): same shape, their own codes.
  UNSIGNED: { status: 401, message: 'The request is not signed.' },
  STALE_TIMESTAMP: { status: 401, message: 'The request timestamp is outside the allowed window.' },
  INVALID_SIGNATURE: { status: 401, message: 'The signature does not match.' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: 'An Idempotency-Key header is required.' },
  MALFORMED_BODY: { status: 400, message: 'The body could not be read.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'This content type is not accepted.' },
  APPLICATION_DISABLED: { status: 403, message: 'The application is disabled.' },
  FREE_MINUTES_EXHAUSTED: { status: 403, message: 'The free minutes are used up.' },
  INVALID_RECORDS: { status: 422, message: 'The batch was refused and nothing was stored.' },
  EMPTY_BATCH: { status: 422, message: 'The batch has no records.' },
  DUPLICATE_FILE: { status: 409, message: 'This file was already imported; nothing was stored again.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type FieldErrors = Record<string, string[]>;
/** A message of the `errors` catalogue (lib/i18n/messages/en/errors.json `messages`): Chinese for an answer thrown in English. */
export type ErrorMessageKey = keyof (typeof import('@/lib/i18n/messages/en/errors.json'))['messages'];

export type AppErrorOptions = {
  fieldErrors?: FieldErrors;
  /** Machine-readable detail the answer carries (the usage API's refused records). */
  details?: readonly unknown[];
  /** Facts for the log line only (never answered), e.g. `{ settlesAt }`. */
  context?: Record<string, unknown>;
  /**
   * The message in the `errors` catalogue (lib/i18n/errors.ts): English stays the `message`
   * thrown, word for word; other languages read `messages.<key>` with `params`.
   */
  key?: ErrorMessageKey;
  params?: Record<string, string | number>;
  /** How many errors there were in all (details may be capped). */
  errorCount?: number;
  /** The HTTP answer ends the connection (a refused body too large to read to its end). */
  closeConnection?: boolean;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly details?: readonly unknown[];
  readonly context?: Record<string, unknown>;
  readonly key?: ErrorMessageKey;
  readonly params?: Record<string, string | number>;
  readonly errorCount?: number;
  readonly closeConnection?: boolean;

  constructor(code: ErrorCode, message?: string, options: AppErrorOptions = {}) {
    super(message ?? ERROR_CODES[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.details = options.details;
    this.context = options.context;
    this.key = options.key;
    this.params = options.params;
    this.errorCount = options.errorCount;
    this.closeConnection = options.closeConnection;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  toJSON(): ErrorBody {
    return errorBody(this);
  }
}

/** The one JSON shape of an error answer (route handlers, the usage API, the developer API). */
export type ErrorBody = { error: { code: ErrorCode; message: string; fieldErrors?: FieldErrors; details?: readonly unknown[]; errorCount?: number } };

export function errorBody(err: Pick<AppError, 'code' | 'message' | 'fieldErrors' | 'details' | 'errorCount'>): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}),
      ...(err.details ? { details: err.details } : {}),
      ...(err.errorCount !== undefined ? { errorCount: err.errorCount } : {}),
    },
  };
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** A field-level validation error, e.g. `fieldError('amount', 'Enter an amount above 0.')`. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION', message, { fieldErrors: { [field]: [message] } });
}

/** PostgreSQL unique violation (23505), optionally on a named constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = findPgError(err);
  return !!e && e.code === '23505' && (!constraint || e.constraint_name === constraint);
}

/** Serialization failure or deadlock: safe to retry the whole transaction. */
export function isRetryableTxError(err: unknown): boolean {
  const e = findPgError(err);
  return !!e && (e.code === '40001' || e.code === '40P01');
}

type PgError = { code?: string; constraint_name?: string };
function findPgError(err: unknown): PgError | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur; i++) {
    if (typeof cur === 'object' && cur !== null && 'code' in cur && typeof (cur as PgError).code === 'string') return cur as PgError;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
