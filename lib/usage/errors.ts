/**
 * What the usage API and the import say about refused records. Their failures are the house's
 * `AppError` (lib/errors.ts: the codes UNSIGNED … DUPLICATE_FILE with their statuses), answered
 * as `{ error: { code, message, details?, errorCount? } }` (docs/usage-api.md) by `errorResponse`.
 */
export type RecordErrorDetail = { index: number; line?: number; field: string; message: string };

/** "3 records refused; record 0: seconds: expected ..." */
export function recordErrorsMessage(errors: readonly RecordErrorDetail[], total: number, noun = 'record'): string {
  const first = errors[0];
  const where = first ? `${noun} ${first.index}${first.line !== undefined ? ` (line ${first.line})` : ''}: ${first.field}: ${first.message}` : '';
  const rest = total > 1 ? ` (and ${total - 1} more)` : '';
  return `The batch was refused and nothing was stored: ${where}${rest}.`;
}
