import type { z } from 'zod';
import { isWellFormedMediaRecord } from './fast-validate';
import { usageRecordSchema, type UsageRecord } from './schemas';

/** One refused field of one record (rating.md section 1: the error names the record and the field). */
export type RecordError = { index: number; field: string; message: string };

export type ParseRecordsResult = { ok: true; records: UsageRecord[] } | { ok: false; errors: RecordError[] };

/** `receive[0].video` from a zod path. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Turn zod issues into record errors; unknown fields are named one by one. */
function issuesToErrors(index: number, issues: readonly z.core.$ZodIssue[]): RecordError[] {
  const errors: RecordError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ index, field: formatFieldPath([...issue.path, key]), message: 'unknown field' });
    } else if (issue.path.length === 0 && issue.code === 'invalid_type') {
      errors.push({ index, field: '(record)', message: 'expected a JSON object' });
    } else {
      errors.push({ index, field: formatFieldPath(issue.path), message: issue.message });
    }
  }
  return errors;
}

/** `record 3: receive[0].video: expected [width, height] positive integers` */
export function formatRecordError(e: RecordError, label = 'record'): string {
  return `${label} ${e.index}: ${e.field}: ${e.message}`;
}

/**
 * Validate one record; `index` is what errors will name (array index or line number).
 * A well-formed media record is returned as is (no copy); anything else goes through zod.
 */
export function parseUsageRecord(input: unknown, index: number): { ok: true; record: UsageRecord } | { ok: false; errors: RecordError[] } {
  if (isWellFormedMediaRecord(input)) return { ok: true, record: input };
  const r = usageRecordSchema.safeParse(input);
  return r.success ? { ok: true, record: r.data } : { ok: false, errors: issuesToErrors(index, r.error.issues) };
}

/** Validate a batch: all or nothing ("nothing of a refused batch is stored"). */
export function parseUsageRecords(input: readonly unknown[]): ParseRecordsResult {
  const records: UsageRecord[] = [];
  const errors: RecordError[] = [];
  input.forEach((item, index) => {
    const r = parseUsageRecord(item, index);
    if (r.ok) records.push(r.record);
    else errors.push(...r.errors);
  });
  return errors.length ? { ok: false, errors } : { ok: true, records };
}

/**
 * One JSON Lines line. `lineNumber` is 1-based and is what errors name.
 * Blank lines are skipped (null record).
 */
export function parseUsageRecordLine(
  line: string,
  lineNumber: number,
): { ok: true; record: UsageRecord | null } | { ok: false; errors: RecordError[] } {
  if (line.trim() === '') return { ok: true, record: null };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { ok: false, errors: [{ index: lineNumber, field: '(line)', message: `not valid JSON (${(e as Error).message})` }] };
  }
  return parseUsageRecord(value, lineNumber);
}

const MAX_ERRORS = 10;

/** Join error messages, keeping the first few. */
export function joinErrors(messages: string[]): string {
  const shown = messages.slice(0, MAX_ERRORS).join('; ');
  return messages.length > MAX_ERRORS ? `${shown}; and ${messages.length - MAX_ERRORS} more` : shown;
}
