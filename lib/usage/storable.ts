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
  // The usage API's common case (issue 11: CPU per record): a plain-text record that passes
  // every check, told without allocating; anything else (or any doubt) takes the full walk below.
  if (options.plainText && clearlyStorable(record)) return [];
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

/** '0'..'9' at `i` as its value, else -1. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** A `video` that resolutionRefusal lets through (absent, not a [number, number], or within the limits). */
function videoWithinLimits(v: unknown): boolean {
  if (!Array.isArray(v) || v.length !== 2) return true;
  const w = v[0] as unknown;
  const h = v[1] as unknown;
  if (typeof w !== 'number' || typeof h !== 'number') return true;
  return !(w > MAX_VIDEO_SIDE || h > MAX_VIDEO_SIDE) && !(w * h > MAX_VIDEO_AREA);
}

/**
 * True only when storageRefusals (NUL and surrogate walk aside: the caller's plainText) has
 * nothing to say: seconds within a day, a start whose first four characters are digits of a
 * year from FIRST_YEAR to LAST_YEAR (anything else, such as a sign, goes the full way), and
 * every resolution findOversizedVideo looks at within the limits. False means "ask the full check".
 */
function clearlyStorable(record: { start: string; seconds?: number } & Record<string, unknown>): boolean {
  if (typeof record.seconds === 'number' && record.seconds > MAX_RECORD_SECONDS) return false;
  const start = record.start;
  const d0 = digitAt(start, 0);
  const d1 = digitAt(start, 1);
  const d2 = digitAt(start, 2);
  const d3 = digitAt(start, 3);
  if (d0 < 0 || d1 < 0 || d2 < 0 || d3 < 0) return false;
  const year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) return false;
  if (!streamsWithinLimits(record.receive) || !streamsWithinLimits(record.send) || !streamsWithinLimits(record.inputs)) return false;
  return record.output === undefined || videoWithinLimits(record.output);
}

function streamsWithinLimits(items: unknown): boolean {
  if (!Array.isArray(items)) return true;
  for (let i = 0; i < items.length; i++) {
    const video = (items[i] as { video?: unknown } | null)?.video;
    if (video !== undefined && !videoWithinLimits(video)) return false;
  }
  return true;
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
