import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { classifyRecord, getPriceBook } from '@/lib/rating';
import { parseBatchBody, validateBatch } from './batch';

const media = (extra: Record<string, unknown> = {}) => ({
  type: 'media', app: 1400000001, user: 'u1', start: '2024-10-08T10:00:00+08:00', seconds: 90,
  receive: [{ stream: 's1', audio: true, video: [1280, 720] }], ...extra,
});
const book = getPriceBook('trtc-2024-usd');

describe('batch body: JSON array or JSON Lines', () => {
  test('a JSON array (leading whitespace allowed)', () => {
    const r = parseBatchBody(`  \n[${JSON.stringify(media())}, ${JSON.stringify(media())}]`, 10);
    expect(r.ok && r.format).toBe('array');
    expect(r.ok && r.items).toHaveLength(2);
  });

  test('JSON Lines: blank lines and CRLF are fine; lines are numbered from 1', () => {
    const r = parseBatchBody(`${JSON.stringify(media())}\r\n\r\n${JSON.stringify(media())}\n`, 10);
    expect(r.ok && r.format).toBe('jsonl');
    expect(r.ok && r.items.map((i) => i.line)).toEqual([1, 3]);
  });

  test('a malformed array is a 400-style error', () => {
    const r = parseBatchBody('[{"type": "media",', 10);
    expect(r).toMatchObject({ ok: false, kind: 'malformed' });
  });

  test('a JSON object that is not an array is refused', () => {
    // An object starts with "{", so it is read as one JSON Lines line: valid JSON, then the schema decides.
    const r = parseBatchBody('{"records": []}', 10);
    expect(r.ok).toBe(true);
    const v = r.ok ? validateBatch(r.items, { book }) : null;
    expect(v?.ok).toBe(false);
  });

  test('a malformed JSON line is reported with its line, beside the other errors', () => {
    const r = parseBatchBody(`${JSON.stringify(media())}\n{"type": "media"\n${JSON.stringify(media({ seconds: -1 }))}`, 10);
    expect(r.ok).toBe(true);
    const v = r.ok ? validateBatch(r.items, { book }) : null;
    expect(v).toMatchObject({ ok: false, errorCount: 2, refusedRecords: 2 });
    expect(v?.ok === false && v.errors).toEqual([
      { index: 1, line: 2, field: '(line)', message: expect.stringContaining('not valid JSON') },
      { index: 2, line: 3, field: 'seconds', message: expect.stringContaining('non-negative integer') },
    ]);
  });

  test.each([
    ['array', (n: number) => JSON.stringify(Array.from({ length: n }, () => media()))],
    ['JSON Lines', (n: number) => Array.from({ length: n }, () => JSON.stringify(media())).join('\n')],
  ])('more records than the limit (%s) is too-many', (_l, make) => {
    expect(parseBatchBody(make(5), 5).ok).toBe(true);
    expect(parseBatchBody(make(6), 5)).toMatchObject({ ok: false, kind: 'too-many' });
  });
});

describe('validateBatch', () => {
  test('records of another SDKAppID are refused, naming the index and field', () => {
    const v = validateBatch([{ value: media() }, { value: media({ app: 1400000002 }) }], { book, sdkAppId: 1400000001 });
    expect(v).toEqual({ ok: false, errorCount: 1, refusedRecords: 1, errors: [{ index: 1, field: 'app', message: expect.stringContaining('must be 1400000001') }] });
  });

  test.each([
    ['a session over one day (it would cross two local midnights)', { seconds: 86_401 }, 'seconds'],
    ['a start outside 2000-2099', { start: '0000-01-01T00:00:00+08:00' }, 'start'],
    ['a NUL character, which jsonb cannot hold', { user: 'u\u0000x' }, 'user'],
    ['an unpaired surrogate in a nested string', { receive: [{ stream: 's\uD800', audio: true }] }, 'receive[0].stream'],
  ])('valid for rating but not storable: %s', (_label, change, field) => {
    const v = validateBatch([{ value: media() }, { value: media(change) }], { book });
    expect(v.ok === false && v.errors.map((e) => [e.index, e.field])).toEqual([[1, field]]);
  });

  test('a session of exactly one day is stored', () => {
    expect(validateBatch([{ value: media({ seconds: 86_400 }) }], { book }).ok).toBe(true);
  });

  test('schema errors name the nested field', () => {
    const v = validateBatch([{ value: media({ receive: [{ stream: 's', audio: true, video: [0, 720] }] }) }], { book });
    expect(v.ok === false && v.errors[0]).toMatchObject({ index: 0, field: 'receive[0].video' });
  });

  test('unknown fields, unknown types and a start without offset are refused', () => {
    const v = validateBatch(
      [{ value: media({ colour: 'red' }) }, { value: { ...media(), type: 'hologram' } }, { value: media({ start: '2024-10-08T10:00:00' }) }],
      { book },
    );
    expect(v.ok === false && v.errors.map((e) => [e.index, e.field])).toEqual([[0, 'colour'], [1, 'type'], [2, 'start']]);
  });

  test("a record the account's price book cannot rate is refused (rtv-cny has no video price)", () => {
    const v = validateBatch([{ value: media() }], { book: getPriceBook('rtv-cny') });
    expect(v.ok).toBe(false);
  });

  test('valid records carry their pieces, split at local midnight', () => {
    const v = validateBatch([{ value: media({ start: '2024-10-08T23:59:30+08:00', seconds: 90 }) }], { book });
    expect(v.ok && v.records[0]?.pieces.map((p) => [p.day, p.item, p.kind === 'duration' ? p.seconds : 0])).toEqual([
      ['2024-10-08', 'hd', 30],
      ['2024-10-09', 'hd', 60],
    ]);
  });

  test('a valid record knows its first local day without building its pieces', () => {
    const v = validateBatch([{ value: media({ start: '2024-10-08T23:59:30+08:00', seconds: 90 }) }, { value: media({ start: '2024-10-08T16:30:00Z' }) }], { book });
    expect(v.ok && v.records.map((r) => r.day)).toEqual(['2024-10-08', '2024-10-09']);
    expect(v.ok && v.records.map((r) => r.pieces[0]?.day)).toEqual(['2024-10-08', '2024-10-09']);
  });

  test('the import refusal hook names the app field', () => {
    const v = validateBatch([{ value: media(), line: 2 }], { book, appRefusal: () => 'not an application of this account' });
    expect(v).toEqual({ ok: false, errorCount: 1, refusedRecords: 1, errors: [{ index: 0, line: 2, field: 'app', message: 'not an application of this account' }] });
  });
});

describe('the plain-text shortcut of the NUL / lone-surrogate check', () => {
  // Any UTF-16 code unit, so NUL, control characters and lone surrogates (high or low) come up often.
  const codeUnit = fc.oneof(
    fc.constantFrom('\u0000', '\uD800', '\uDC00', '\uDBFF', '\uDFFF', '\\', '"', 'a', '\u00e9', '\n'),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  );
  const text = fc.string({ unit: codeUnit, maxLength: 8 });
  const errorsOf = (v: ReturnType<typeof validateBatch>) => (v.ok ? [] : v.errors.map((e) => [e.index, e.field, e.message]));

  test('JSON Lines and JSON arrays are refused exactly as the parsed values are, escaped or raw', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ user: text, room: text, stream: text, key: text, raw: fc.boolean() }), { minLength: 1, maxLength: 4 }), (rows) => {
        const values = rows.map((r) => media({ user: r.user, room: r.room, receive: [{ stream: r.stream, audio: true }] }));
        // As JSON.stringify writes them (lone surrogates and NUL escaped), and with the strings raw where JSON allows it.
        const lines = rows.map((r, i) => {
          const json = JSON.stringify(values[i]);
          if (!r.raw || /["\\\u0000-\u001f]/.test(r.user)) return json;
          return json.replace(JSON.stringify(r.user), `"${r.user}"`);
        });
        const parsed = [parseBatchBody(lines.join('\n'), 10), parseBatchBody(`[${lines.join(',')}]`, 10)];
        for (const p of parsed) {
          expect(p.ok).toBe(true);
          if (!p.ok) return;
          const fast = validateBatch(p.items, { book });
          // The same values without their text: the full walk of every string.
          const slow = validateBatch(p.items.map((i) => ({ value: i.value, line: i.line })), { book });
          expect(errorsOf(fast)).toEqual(errorsOf(slow));
        }
      }),
      { numRuns: 400 },
    );
  });

  test('a NUL or lone surrogate is still refused when the line has no \\u escape (raw surrogate)', () => {
    const line = JSON.stringify(media()).replace('"u1"', '"u\uD800"');
    const r = parseBatchBody(line, 10);
    const v = r.ok ? validateBatch(r.items, { book }) : null;
    expect(v && !v.ok && v.errors.map((e) => e.field)).toEqual(['user']);
    const escaped = parseBatchBody(JSON.stringify(media({ room: 'r\u0000' })), 10);
    const w = escaped.ok ? validateBatch(escaped.items, { book }) : null;
    expect(w && !w.ok && w.errors.map((e) => e.field)).toEqual(['room']);
  });

  test('pieces read later are classifyRecord\'s', () => {
    const v = validateBatch([{ value: media({ start: '2024-10-08T23:59:30+08:00', seconds: 90 }) }], { book });
    expect(v.ok && v.records[0]?.pieces).toEqual(classifyRecord(book, media({ start: '2024-10-08T23:59:30+08:00', seconds: 90 }) as never));
  });
});
