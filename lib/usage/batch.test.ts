import { describe, expect, test } from 'vitest';
import { getPriceBook } from '@/lib/rating';
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

  test('the import refusal hook names the app field', () => {
    const v = validateBatch([{ value: media(), line: 2 }], { book, appRefusal: () => 'not an application of this account' });
    expect(v).toEqual({ ok: false, errorCount: 1, refusedRecords: 1, errors: [{ index: 0, line: 2, field: 'app', message: 'not an application of this account' }] });
  });
});
