/**
 * What a valid usage record must also satisfy to be stored and settled (a product
 * decision beside rating.md section 1, which bounds neither):
 * - `seconds` at most one day: settlement reads a local day's records and the day
 *   before's (lib/settlement/day-window.ts), so a record may cross one local midnight,
 *   not two; longer sessions are sent as several records.
 * - `start` between 2000 and 2099: a business time, not a typo (and inside PostgreSQL's range).
 * - no NUL character or lone surrogate in any string: PostgreSQL's jsonb cannot hold them.
 */
export const MAX_RECORD_SECONDS = 86_400;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type StorageRefusal = { field: string; message: string };

export function storageRefusals(record: { start: string; seconds?: number } & Record<string, unknown>): StorageRefusal[] {
  const out: StorageRefusal[] = [];
  if (typeof record.seconds === 'number' && record.seconds > MAX_RECORD_SECONDS) {
    out.push({ field: 'seconds', message: `at most ${MAX_RECORD_SECONDS.toLocaleString('en-US')} (one day); send longer sessions as several records` });
  }
  const year = Number(record.start.slice(0, 4));
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) {
    out.push({ field: 'start', message: `the year must be between ${FIRST_YEAR} and ${LAST_YEAR}` });
  }
  findUnstorableText(record, '', out);
  return out;
}

function findUnstorableText(value: unknown, path: string, out: StorageRefusal[]): void {
  if (typeof value === 'string') {
    if (UNSTORABLE_TEXT.test(value)) out.push({ field: path || '(record)', message: 'contains a NUL character or an unpaired surrogate, which cannot be stored' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findUnstorableText(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE_TEXT.test(k)) out.push({ field: path || '(record)', message: 'a field name contains a NUL character or an unpaired surrogate' });
      findUnstorableText(v, path ? `${path}.${k}` : k, out);
    }
  }
}
