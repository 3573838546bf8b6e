import { describe, expect, test } from 'vitest';
import { forEachLine, rateJsonl } from './jsonl';

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  for (const p of parts) yield p;
}

const line = (start: string, seconds: number) => JSON.stringify({ type: 'media', app: 1, user: 'u', start, seconds, receive: [] });

describe('forEachLine', () => {
  test('lines split across chunks, CRLF and a last line without newline', async () => {
    const seen: [string, number][] = [];
    const n = await forEachLine(chunks('ab', 'c\r\nde', 'f\n\ng', 'h'), (l, i) => seen.push([l, i]));
    expect(seen).toEqual([['abc', 1], ['def', 2], ['', 3], ['gh', 4]]);
    expect(n).toBe(4);
  });
});

describe('rateJsonl', () => {
  test('rates a stream in any chunking the same', async () => {
    const text = `${line('2024-10-08T10:00:00+08:00', 30)}\n${line('2024-10-08T11:00:00+08:00', 40)}\n`;
    const whole = await rateJsonl(chunks(text), { book: 'trtc-2024-usd' });
    const bytewise = await rateJsonl(chunks(...text.split('')), { book: 'trtc-2024-usd' });
    expect(whole.ok && whole.result.usage).toEqual([{ item: 'audio', quantity: '2', unit: 'minute' }]);
    expect(bytewise).toEqual(whole);
  });

  test('errors name line numbers; nothing is rated', async () => {
    const text = [line('2024-10-08T10:00:00+08:00', 30), '', '{oops', line('2024-10-08T10:00:00', 5)].join('\n');
    const r = await rateJsonl(chunks(text), { book: 'trtc-2024-usd' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/^line 3: \(line\): not valid JSON/);
      expect(r.error).toContain('line 4: start: expected an ISO 8601 date-time with an offset');
    }
  });

  test('a record the book refuses names its line', async () => {
    const text = JSON.stringify({ type: 'media', app: 1, user: 'u', start: '2024-10-08T10:00:00+08:00', seconds: 5, receive: [{ stream: 's', audio: true, video: [640, 480] }] });
    expect(await rateJsonl(chunks(`\n${text}\n`), { book: 'rtv-cny' })).toEqual({
      ok: false,
      error: 'line 2: receive[0].video: price book rtv-cny prices audio only; a played stream with video cannot be rated',
    });
  });
});
