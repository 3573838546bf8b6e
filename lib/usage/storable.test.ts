import { describe, expect, test } from 'vitest';
import { MAX_RECORD_SECONDS, MAX_VIDEO_AREA, MAX_VIDEO_SIDE, storageRefusals } from './storable';

/**
 * storageRefusals answers a plain-text record (options.plainText) through a check that
 * allocates nothing when the record is clearly storable (the usage API's hot path); it must
 * answer exactly as the full walk, which `plainText: false` always takes (these records hold
 * no NUL or surrogate, so the text walk adds nothing).
 */
type Rec = { start: string; seconds?: number } & Record<string, unknown>;
const both = (r: Rec) => ({ fast: storageRefusals(r, { plainText: true }), full: storageRefusals(r, { plainText: false }) });

const base = (over: Record<string, unknown> = {}): Rec => ({
  type: 'media', app: 1400000001, user: 'u1', start: '2024-10-08T10:00:00+08:00', seconds: 60,
  receive: [{ stream: 's0', audio: true, video: [1280, 720] }], ...over,
});

describe('storageRefusals: the fast answer is the full walk\'s', () => {
  const cases: [string, Rec][] = [
    ['a plain media record', base()],
    ['seconds of one day', base({ seconds: MAX_RECORD_SECONDS })],
    ['seconds past one day', base({ seconds: MAX_RECORD_SECONDS + 1 })],
    ['no seconds (a sampled record)', { type: 'screenshot', app: 1, start: '2024-10-08T10:00:00+08:00', count: 3 }],
    ['year 2000', base({ start: '2000-01-01T00:00:00Z' })],
    ['year 2099', base({ start: '2099-12-31T23:59:59Z' })],
    ['year 1999', base({ start: '1999-12-31T23:59:59Z' })],
    ['year 2100', base({ start: '2100-01-01T00:00:00Z' })],
    ['a sign before the year', base({ start: '+2024-10-08T10:00:00Z' })],
    ['an exponent that Number reads as 2000', base({ start: '2e03-10-08' })],
    ['a blank before the year', base({ start: ' 202-10-08' })],
    ['a short start', base({ start: '20' })],
    ['8K UHD exactly', base({ receive: [{ stream: 's0', audio: true, video: [MAX_VIDEO_SIDE, 4320] }] })],
    ['8K turned', base({ receive: [{ stream: 's0', audio: true, video: [4320, MAX_VIDEO_SIDE] }] })],
    ['a side past 8K', base({ receive: [{ stream: 's0', audio: true, video: [MAX_VIDEO_SIDE + 1, 1] }] })],
    ['the height past 8K', base({ receive: [{ stream: 's0', audio: true, video: [1, MAX_VIDEO_SIDE + 1] }] })],
    ['an area past 8K UHD', base({ receive: [{ stream: 's0', audio: true, video: [MAX_VIDEO_SIDE, 4321] }] })],
    ['the second stream too large', base({ receive: [{ stream: 's0', audio: true }, { stream: 's1', audio: true, video: [1e9, 1e9] }] })],
    ['a sent stream too large', base({ send: [{ audio: true, video: [9000, 10] }] })],
    ['an input too large', { type: 'recording', app: 1, start: '2024-10-08T10:00:00Z', seconds: 5, mode: 'mix', inputs: [{ video: [10, 9000] }] }],
    ['an output too large', { type: 'delivery', app: 1, start: '2024-10-08T10:00:00Z', seconds: 5, target: 'cdn', output: [8000, 8000] }],
    ['an output within limits', { type: 'delivery', app: 1, start: '2024-10-08T10:00:00Z', seconds: 5, target: 'cdn', output: [1920, 1080] }],
    ['a video that is not a pair', base({ receive: [{ stream: 's0', audio: true, video: [1e9, 1e9, 1] }] })],
    ['a video of text', base({ receive: [{ stream: 's0', audio: true, video: ['9000', 1] }] })],
    ['null and non-object streams', base({ receive: [null, 5, 'x', { stream: 's0', audio: true }] })],
    ['receive not a list', base({ receive: { video: [9000, 9000] } })],
    ['everything wrong at once', base({ seconds: 1e6, start: '1900-01-01T00:00:00Z', receive: [{ stream: 's0', audio: true, video: [9000, 9000] }], output: [9000, 1] })],
  ];
  test.each(cases)('%s', (_label, record) => {
    const { fast, full } = both(record);
    expect(fast).toEqual(full);
  });

  test('a refused record still names its fields', () => {
    expect(storageRefusals(base({ seconds: MAX_RECORD_SECONDS + 1, receive: [{ stream: 's0', audio: true, video: [MAX_VIDEO_SIDE, 4321] }] }), { plainText: true })).toEqual([
      { field: 'seconds', message: expect.stringContaining('at most 86,400') },
      { field: 'receive[0].video', message: expect.stringContaining(MAX_VIDEO_AREA.toLocaleString('en-US')) },
    ]);
  });

  test('random records: fast and full agree', () => {
    let seed = 7;
    const rand = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const sides = [0, 1, 640, 4320, 7679, 7680, 7681, 20000];
    for (let i = 0; i < 2000; i++) {
      const streams = Array.from({ length: rand(4) }, (_, s) => ({ stream: `s${s}`, audio: true, ...(rand(3) ? { video: [sides[rand(sides.length)], sides[rand(sides.length)]] } : {}) }));
      const year = 1995 + rand(110);
      const record = base({ start: `${year}-10-08T10:00:00Z`, seconds: MAX_RECORD_SECONDS - 2 + rand(5), receive: streams });
      const { fast, full } = both(record);
      expect(fast).toEqual(full);
    }
  });
});
