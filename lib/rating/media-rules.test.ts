import { describe, expect, test } from 'vitest';
import { audio, media, rate, usageOf, video } from './test-support';

const AT = '2024-10-08T10:00:00+08:00';

describe('aggregate media rule (trtc-2024-usd, rating.md section 2)', () => {
  test.each([
    ['640x360 is HD', [[640, 360]], 'hd'],
    ['exactly 921,600 px (1280x720) is HD', [[1280, 720]], 'hd'],
    ['921,601 px is FHD', [[921_601, 1]], 'fhd'],
    ['exactly 2,073,600 px (1920x1080) is FHD', [[1920, 1080]], 'fhd'],
    ['2,073,601 px is 2K', [[2_073_601, 1]], '2k'],
    ['exactly 3,686,400 px (2560x1440) is 2K', [[2560, 1440]], '2k'],
    ['3,686,401 px is 4K', [[3_686_401, 1]], '4k'],
    ['above 4096x2160 is still 4K (top tier unbounded)', [[8000, 8000]], '4k'],
    ['two 960x720 streams add up to 1,382,400 px: FHD', [[960, 720], [960, 720]], 'fhd'],
  ] as const)('%s', (_, sizes, tier) => {
    const r = rate('trtc-2024-usd', [media(AT, 60, sizes.map(([w, h], i) => video(`s${i}`, w, h)))]);
    expect(usageOf(r)).toEqual({ [tier]: '1' });
  });

  test.each([
    ['receiving nothing', []],
    ['alone in the room (empty receive)', []],
    ['audio-only streams', [audio('a'), audio('b')]],
    ['a stream with neither audio nor video', [{ stream: 'x', audio: false }]],
  ] as const)('%s is audio', (_, receive) => {
    expect(usageOf(rate('trtc-2024-usd', [media(AT, 60, [...receive])]))).toEqual({ audio: '1' });
  });

  test('audio-only streams beside video add nothing', () => {
    expect(usageOf(rate('trtc-2024-usd', [media(AT, 60, [video('v', 640, 480), audio('a')])]))).toEqual({ hd: '1' });
  });

  test('screen shares count in the aggregate area', () => {
    const r = rate('trtc-2024-usd', [media(AT, 60, [video('v', 1280, 720), video('v#screen', 1920, 1080, { audio: false, screen: true })])]);
    expect(usageOf(r)).toEqual({ '2k': '1' });
  });
});

describe('per-stream media rule (trtc-2022-cny)', () => {
  test.each([
    ['640x480 (307,200 px) is SD', [640, 480], 'sd'],
    ['720x360 (259,200 px) is SD by area (rating.md section 6)', [720, 360], 'sd'],
    ['307,201 px is HD', [307_201, 1], 'hd'],
    ['1280x720 is HD', [1280, 720], 'hd'],
    ['1920x1080 is FHD', [1920, 1080], 'fhd'],
    ['2560x1440 is 2K', [2560, 1440], '2k'],
    ['4096x2176 is 4K', [4096, 2176], '4k'],
  ] as const)('%s', (_, [w, h], tier) => {
    expect(usageOf(rate('trtc-2022-cny', [media(AT, 60, [video('v', w, h)])]))).toEqual({ [tier]: '1' });
  });

  test('each video stream is billed on its own tier', () => {
    const r = rate('trtc-2022-cny', [media(AT, 600, [video('a', 640, 360), video('b', 1920, 1080), video('c', 640, 360)])]);
    expect(usageOf(r)).toEqual({ sd: '20', fhd: '10' });
  });

  test('audio is billed once per user when an audio-only stream is received beside video', () => {
    const r = rate('trtc-2022-cny', [media(AT, 600, [audio('a'), audio('b'), video('c', 1920, 1080)])]);
    expect(usageOf(r)).toEqual({ audio: '10', fhd: '10' });
  });

  test('receiving nothing at all is audio', () => {
    expect(usageOf(rate('trtc-2022-cny', [media(AT, 600, [])]))).toEqual({ audio: '10' });
  });

  test('video only: no audio', () => {
    expect(usageOf(rate('trtc-2022-cny', [media(AT, 600, [video('c', 640, 480)])]))).toEqual({ sd: '10' });
  });
});

describe('rtv-cny: each played audio stream', () => {
  test('two played streams count twice', () => {
    expect(usageOf(rate('rtv-cny', [media(AT, 600, [audio('a'), audio('b')])]))).toEqual({ audio: '20' });
  });

  test('nothing played, nothing billed', () => {
    const r = rate('rtv-cny', [media(AT, 600, [])]);
    expect(r.usage).toEqual([]);
    expect(r.amount).toBe('0');
  });

  test('a played stream with video is refused, naming the record and field', () => {
    expect(() => rate('rtv-cny', [media(AT, 60, [audio('a')]), media(AT, 60, [audio('a'), video('v', 640, 480)])]))
      .toThrow('record 1: receive[1].video: price book rtv-cny prices audio only');
  });
});

describe('hst-cny: every received stream, mini-program sends too', () => {
  test('received audio and video both count; 720p boundary by area', () => {
    const r = rate('hst-cny', [media(AT, 600, [video('a', 1280, 720), video('b', 1281, 720)])]);
    expect(usageOf(r)).toEqual({ audio: '20', 'video-720p': '10', 'video-1080p': '10' });
  });

  test('screen shares are billed at screen, not by resolution', () => {
    const r = rate('hst-cny', [media(AT, 600, [video('s', 1920, 1080, { audio: false, screen: true })])]);
    expect(usageOf(r)).toEqual({ screen: '10' });
  });

  test('sending is free for native clients', () => {
    expect(rate('hst-cny', [media(AT, 600, [], { send: [{ audio: true, video: [1280, 720] }] })]).usage).toEqual([]);
  });

  test('a mini-program pays received and sent streams at mp-audio / mp-video, no resolution tiers', () => {
    const r = rate('hst-cny', [media(AT, 600, [video('a', 3840, 2160)], { client: 'miniprogram', send: [{ audio: true, video: [640, 480] }] })]);
    expect(usageOf(r)).toEqual({ 'mp-audio': '20', 'mp-video': '20' });
  });
});

test('a book without a rule for a record type refuses it', () => {
  expect(() => rate('hst-cny', [{ type: 'recording', app: 1, start: AT, seconds: 60, mode: 'mixed', inputs: [] }]))
    .toThrow('record 0: type: price book hst-cny does not price recording records');
  expect(() => rate('trtc-2024-usd', [{ type: 'signaling', app: 1, start: AT, calls: 5 }]))
    .toThrow('does not price signaling records');
});
