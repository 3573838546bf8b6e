import { describe, expect, test } from 'vitest';
import { formatRecordError, parseUsageRecordLine, parseUsageRecords } from './parse-records';
import { entitlementSchema } from './schemas';

const ok = { type: 'media', app: 1400000001, user: 'u', start: '2024-10-08T10:00:00+08:00', seconds: 60, receive: [] };

const firstError = (record: unknown) => {
  const r = parseUsageRecords([ok, ok, ok, record]);
  if (r.ok) throw new Error('expected a refusal');
  return r.errors.map((e) => formatRecordError(e));
};

describe('usage record validation names the record index and the field (rating.md section 1)', () => {
  test.each([
    ['missing seconds', { ...ok, seconds: undefined }, 'record 3: seconds: missing; expected a non-negative integer number of seconds'],
    ['negative seconds', { ...ok, seconds: -1 }, 'record 3: seconds: expected a non-negative integer number of seconds'],
    ['non-integer seconds', { ...ok, seconds: 1.5 }, 'record 3: seconds: expected a non-negative integer number of seconds'],
    ['zero width', { ...ok, receive: [{ stream: 's', audio: true, video: [0, 720] }] }, 'record 3: receive[0].video: expected [width, height] positive integers'],
    ['negative height', { ...ok, receive: [{ stream: 's', audio: true, video: [1280, -1] }] }, 'record 3: receive[0].video: expected [width, height] positive integers'],
    ['three numbers', { ...ok, send: [{ audio: true, video: [1, 2, 3] }] }, 'record 3: send[0].video: expected [width, height] positive integers'],
    ['unknown field', { ...ok, colour: 'red' }, 'record 3: colour: unknown field'],
    ['unknown nested field', { ...ok, receive: [{ stream: 's', audio: true, codec: 'vp8' }] }, 'record 3: receive[0].codec: unknown field'],
    ['unknown type', { ...ok, type: 'chat' }, 'record 3: type: expected type to be one of media, recording, delivery, transcode, relay, screenshot, slicing, signaling'],
    ['start without offset', { ...ok, start: '2024-10-08T10:00:00' }, 'record 3: start: expected an ISO 8601 date-time with an offset, e.g. 2024-10-08T10:00:00+08:00'],
    ['impossible date', { ...ok, start: '2024-02-30T10:00:00+08:00' }, 'record 3: start: expected an ISO 8601 date-time with an offset, e.g. 2024-10-08T10:00:00+08:00'],
    ['app zero', { ...ok, app: 0 }, 'record 3: app: expected a positive integer SDKAppID'],
    ['client', { ...ok, client: 'web' }, 'record 3: client: expected one of native, miniprogram'],
    ['not an object', 42, 'record 3: (record): expected a JSON object'],
  ])('%s', (_, record, message) => {
    expect(firstError(record)).toContain(message);
  });

  test('every record type has a strict schema', () => {
    const at = '2024-10-08T10:00:00+08:00';
    const records = [
      ok,
      { type: 'recording', app: 1, start: at, seconds: 1, mode: 'single', inputs: [{ audio: true }] },
      { type: 'delivery', app: 1, start: at, seconds: 1, target: 'vod', output: [1, 1] },
      { type: 'transcode', app: 1, start: at, seconds: 1, codec: 'h265', inputs: [], output: [2, 2] },
      { type: 'relay', app: 1, start: at, target: 'third-party', kbps: 12.5 },
      { type: 'screenshot', app: 1, start: at, count: 0 },
      { type: 'slicing', app: 1, start: at, seconds: 0, kind: 'audio' },
      { type: 'signaling', app: 1, start: at, calls: 3 },
    ];
    expect(parseUsageRecords(records).ok).toBe(true);
    for (const r of records) expect(parseUsageRecords([{ ...r, extra: 1 }]).ok).toBe(false);
  });

  test('a refused batch keeps nothing and lists every error', () => {
    const r = parseUsageRecords([{ ...ok, seconds: -1 }, ok, { ...ok, app: 'x' }]);
    expect(r).toEqual({ ok: false, errors: [
      { index: 0, field: 'seconds', message: 'expected a non-negative integer number of seconds' },
      { index: 2, field: 'app', message: 'expected a positive integer SDKAppID' },
    ] });
  });

  test('offsets: Z and negative offsets are accepted', () => {
    expect(parseUsageRecords([{ ...ok, start: '2024-10-08T02:00:00Z' }, { ...ok, start: '2024-10-07T19:00:00.250-07:00' }]).ok).toBe(true);
  });
});

describe('JSON Lines', () => {
  test('names the line number', () => {
    const r = parseUsageRecordLine('{"type":"media"', 7);
    expect(r.ok ? null : formatRecordError(r.errors[0]!, 'line')).toMatch(/^line 7: \(line\): not valid JSON/);
  });
  test('blank lines are skipped', () => {
    expect(parseUsageRecordLine('   ', 2)).toEqual({ ok: true, record: null });
  });
});

describe('entitlements', () => {
  test('validTo before validFrom is refused', () => {
    const r = entitlementSchema.safeParse({ id: 'p', kind: 'package', minutes: 1, validFrom: '2024-10-02', validTo: '2024-10-01' });
    expect(r.success ? null : r.error.issues[0]?.path).toEqual(['validTo']);
  });
  test('minutes may be a decimal string (a remaining balance)', () => {
    expect(entitlementSchema.safeParse({ id: 'p', kind: 'free', minutes: '2.5', validFrom: '2024-10-01', validTo: '2024-10-01' }).success).toBe(true);
  });
});
