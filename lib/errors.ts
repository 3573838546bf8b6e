/**
 * The application's error model (style.md, Errors). Domain code throws AppError;
 * the action builder and route handlers turn it into a result or an HTTP status.
 * Any other error is logged with context and shown as a generic message.
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
  /** The database is unreachable for a moment (lib/availability.ts): 503 with Retry-After. */
  SERVICE_UNAVAILABLE: { status: 503, message: 'The service is briefly unavailable. Try again in a few seconds.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. It has been logged.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, options: { fieldErrors?: FieldErrors; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message ?? ERROR_CODES[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
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
