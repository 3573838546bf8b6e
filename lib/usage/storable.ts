/**
 * What a valid usage record must also satisfy to be stored and settled (a product
 * decision beside rating.md section 1, which bounds neither):
 * - `seconds` at most one day: settlement reads a local day's records and the day
 *   before's (lib/settlement/day-window.ts), so a record may cross one local midnight,
 *   not two; longer sessions are sent as several records.
 * - `start` between 2000 and 2099: a business time, not a typo (and inside PostgreSQL's range).
 * - no NUL character or lone surrogate in any string: PostgreSQL's jsonb cannot hold them.
 * - video resolutions a camera can send (issue 13 item 10): each side at most 7680 pixels
 *   and the area at most 7680×4320 (8K UHD, 33,177,600 pixels), either orientation. A
 *   `[1e9, 1e9]` stream is a client bug, and rating.md's resolution bands end at "above 1080p".
 */
export const MAX_RECORD_SECONDS = 86_400;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const MAX_VIDEO_SIDE = 7680;
export const MAX_VIDEO_AREA = 7680 * 4320;

export type StorageRefusal = { field: string; message: string };

/**
 * `plainText`: the record was parsed from JSON text without a `\u` escape or a surrogate
 * code unit (batch.ts), so it holds no NUL or lone surrogate and that walk is skipped.
 */
export function storageRefusals(record: { start: string; seconds?: number } & Record<string, unknown>, options: { plainText?: boolean } = {}): StorageRefusal[] {
  const out: StorageRefusal[] = [];
  if (typeof record.seconds === 'number' && record.seconds > MAX_RECORD_SECONDS) {
    out.push({ field: 'seconds', message: `at most ${MAX_RECORD_SECONDS.toLocaleString('en-US')} (one day); send longer sessions as several records` });
  }
  const year = Number(record.start.slice(0, 4));
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) {
    out.push({ field: 'start', message: `the year must be between ${FIRST_YEAR} and ${LAST_YEAR}` });
  }
  if (!options.plainText) findUnstorableText(record, '', out);
  findOversizedVideo(record, out);
  return out;
}

/** Where a record carries resolutions: streams' and inputs' `video`, processing's `output`. */
function findOversizedVideo(record: Record<string, unknown>, out: StorageRefusal[]): void {
  const check = (field: string, v: unknown) => {
    const why = resolutionRefusal(v);
    if (why) out.push({ field, message: why });
  };
  for (const list of ['receive', 'send', 'inputs'] as const) {
    const items = record[list];
    if (!Array.isArray(items)) continue;
    for (let i = 0; i < items.length; i++) {
      const video = (items[i] as { video?: unknown } | null)?.video;
      const why = video === undefined ? null : resolutionRefusal(video);
      if (why) out.push({ field: `${list}[${i}].video`, message: why });
    }
  }
  if (record.output !== undefined) check('output', record.output);
}

/** Null when a [width, height] is within what a camera sends; else which limit it passes. */
export function resolutionRefusal(v: unknown): string | null {
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number') return null;
  const [w, h] = v as [number, number];
  const got = `got ${w}x${h}`;
  if (w > MAX_VIDEO_SIDE || h > MAX_VIDEO_SIDE) return `each side must be at most ${MAX_VIDEO_SIDE} pixels (8K UHD) (${got})`;
  if (w * h > MAX_VIDEO_AREA) return `the area must be at most 7680x4320 = ${MAX_VIDEO_AREA.toLocaleString('en-US')} pixels (8K UHD) (${got})`;
  return null;
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
