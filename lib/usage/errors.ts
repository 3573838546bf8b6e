/**
 * Errors of the usage API and import, with the HTTP status and the machine code the
 * API answers (`{ error: { code, message, details? } }`, docs/usage-api.md).
 */
export type RecordErrorDetail = { index: number; line?: number; field: string; message: string };

export const USAGE_ERROR_STATUS = {
  UNSIGNED: 401,
  STALE_TIMESTAMP: 401,
  INVALID_SIGNATURE: 401,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  MALFORMED_BODY: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 409,
  APPLICATION_DISABLED: 403,
  ACCOUNT_SUSPENDED: 403,
  FREE_MINUTES_EXHAUSTED: 403,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_RECORDS: 422,
  EMPTY_BATCH: 422,
  DUPLICATE_FILE: 409,
  INTERNAL: 500,
} as const;

export type UsageErrorCode = keyof typeof USAGE_ERROR_STATUS;

export class UsageError extends Error {
  readonly code: UsageErrorCode;
  readonly details?: RecordErrorDetail[];
  /** How many record errors there were in all (details may be capped). */
  readonly errorCount?: number;
  /** The answer ends the connection (a refused body too large to read to its end). */
  readonly closeConnection?: boolean;

  constructor(code: UsageErrorCode, message: string, options: { details?: RecordErrorDetail[]; errorCount?: number; closeConnection?: boolean } = {}) {
    super(message);
    this.closeConnection = options.closeConnection;
    this.name = 'UsageError';
    this.code = code;
    this.details = options.details;
    this.errorCount = options.errorCount;
  }

  get status(): number {
    return USAGE_ERROR_STATUS[this.code];
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
        ...(this.errorCount !== undefined ? { errorCount: this.errorCount } : {}),
      },
    };
  }
}

/** "3 records refused; record 0: seconds: expected ..." */
export function recordErrorsMessage(errors: readonly RecordErrorDetail[], total: number, noun = 'record'): string {
  const first = errors[0];
  const where = first ? `${noun} ${first.index}${first.line !== undefined ? ` (line ${first.line})` : ''}: ${first.field}: ${first.message}` : '';
  const rest = total > 1 ? ` (and ${total - 1} more)` : '';
  return `The batch was refused and nothing was stored: ${where}${rest}.`;
}
