import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getPriceBook, type PriceBook } from '@/lib/rating';
import { parseBatchBody, prepareJsonLinesBatch, validateBatch } from './batch';
import { aggregatesWithIds, giveBack, rowsWithIds } from './copy-rows';
import { aggregateCopyChunks, prepareUsageRows, usageRecordCopyChunks } from './store';
import { aggregateDays } from '@/lib/rating';

/**
 * Issue 11: the usage API's one-pass path (prepareJsonLinesBatch) must store exactly what
 * the general path (parseBatchBody → validateBatch → prepareUsageRows) stores — the same
 * COPY bytes, row ends and aggregates — and must give way to it (null) whenever that path
 * would refuse the body, so that every answer stays the general path's.
 */
const usd = getPriceBook('trtc-2024-usd');
const rtv = getPriceBook('rtv-cny');
const APP = 1400000001;

const media = (extra: Record<string, unknown> = {}) => ({
  type: 'media', app: APP, user: 'u1', start: '2024-10-08T10:00:00+08:00', seconds: 90,
  receive: [{ stream: 's1', audio: true, video: [1280, 720] }], ...extra,
});

function general(body: string, book: PriceBook, sdkAppId?: number) {
  const parsed = parseBatchBody(body, 10);
  if (!parsed.ok || parsed.items.length === 0 || parsed.items.some((i) => i.itemError)) return null;
  const valid = validateBatch(parsed.items, { book, sdkAppId });
  return valid.ok ? prepareUsageRows(valid.records, book, book.timeZone) : null;
}

const comparable = (p: ReturnType<typeof general>) =>
  p && {
    count: p.count,
    rows: p.rows.toString('utf8'),
    ends: [...p.ends],
    aggregates: { ...p.aggregates, rows: p.aggregates.rows.toString('utf8'), ends: [...p.aggregates.ends], samples: [...p.aggregates.samples], sampleEnds: [...p.aggregates.sampleEnds] },
  };

// Lines the general path accepts, refuses or skips, written in the ways a client may write them.
const start = fc
  .tuple(fc.integer({ min: 7, max: 9 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('+08:00', 'Z', '-05:00'))
  .map(([d, h, m, z]) => `2024-10-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:30${z}`);
const text = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('u1', 'é', '😀', 'a\\b', 'tab\there', 'q"uote', 'x'.repeat(20)) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\uD800') },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
const record = fc.oneof(
  { weight: 20, arbitrary: fc.record({ start, seconds: fc.integer({ min: 0, max: 90_000 }), user: text, room: text, video: fc.boolean() }).map((r) =>
    media({ start: r.start, seconds: r.seconds, user: r.user, room: r.room, receive: [{ stream: 's1', audio: true, ...(r.video ? { video: [1920, 1080] } : {}) }] }),
  ) },
  { weight: 4, arbitrary: start.map((s) => ({ type: 'screenshot', app: APP, start: s, count: 3 })) },
  { weight: 4, arbitrary: start.map((s) => ({ type: 'relay', app: APP, start: s, target: 'tencent', kbps: 120.5 })) },
  { weight: 1, arbitrary: fc.constantFrom(media({ app: 1400000002 }), media({ seconds: -1 }), media({ receive: [{ stream: 's', audio: true, video: [9000, 9000] }] })) },
);
const line = fc.oneof(
  { weight: 24, arbitrary: fc.tuple(record, fc.constantFrom('', ' ', '\t', '\r')).map(([r, pad]) => `${pad}${JSON.stringify(r)}${pad}`) },
  { weight: 1, arbitrary: record.map((r) => JSON.stringify(r, null, 1).replace(/\n/g, ' ')) },
  { weight: 1, arbitrary: record.map((r) => JSON.stringify(r).replace(/"(\w+)":/, (m, k: string) => `"\\u00${k.charCodeAt(0).toString(16)}${k.slice(1)}":`)) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t', '\r', '\u00a0', '{"type": "media"', 'not json', '\uFEFF{}') },
);

describe('prepareJsonLinesBatch', () => {
  test('stores exactly what the general path stores, or gives way to it', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 0, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.constantFrom(usd, rtv), fc.boolean(), (lines, eol, book, signed) => {
        const body = lines.join(eol);
        const sdkAppId = signed ? APP : undefined;
        const want = general(body, book, sdkAppId);
        const got = prepareJsonLinesBatch(Buffer.from(body), { book, sdkAppId, maxRecords: 10 });
        if (got === null) {
          // Only bodies the general path refuses, or the rare shapes left to it, give way.
          if (want !== null) expect(/[^\x00-\x7f]/.test(body) || /\\u/.test(body)).toBe(true);
          return;
        }
        expect(comparable(got)).toEqual(comparable(want));
      }),
      { numRuns: 1000 },
    );
  });

  test('takes a plain JSON Lines batch in one pass; gives way on an array, a byte-order mark, invalid UTF-8, too many or no records', () => {
    const lines = [media(), media({ seconds: 30 }), { type: 'screenshot', app: APP, start: '2024-10-08T10:00:00+08:00', count: 2 }].map((r) => JSON.stringify(r));
    const p = prepareJsonLinesBatch(Buffer.from(lines.join('\n')), { book: usd, sdkAppId: APP, maxRecords: 10 });
    expect(p?.count).toBe(3);
    expect(prepareJsonLinesBatch(Buffer.from(`[${lines.join(',')}]`), { book: usd, maxRecords: 10 })).toBeNull();
    expect(prepareJsonLinesBatch(Buffer.from(`\uFEFF${lines.join('\n')}`), { book: usd, maxRecords: 10 })).toBeNull();
    expect(prepareJsonLinesBatch(Buffer.concat([Buffer.from(lines.join('\n')), Buffer.from([0xff])]), { book: usd, maxRecords: 10 })).toBeNull();
    expect(prepareJsonLinesBatch(Buffer.from(lines.join('\n')), { book: usd, maxRecords: 2 })).toBeNull();
    expect(prepareJsonLinesBatch(Buffer.from(' \n\n'), { book: usd, maxRecords: 2 })).toBeNull();
    expect(prepareJsonLinesBatch(Buffer.from(lines.join('\n')), { book: usd, maxRecords: 10, appRefusal: () => 'no' })).toBeNull();
    expect(prepareJsonLinesBatch(Buffer.from(lines.join('\n')), { book: usd, maxRecords: 10, sdkAppId: APP + 1 })).toBeNull();
  });

  test('rowsWithIds writes the same column values as the COPY of usage records with ids', () => {
    const lines = [media(), media({ user: 'tab\there', start: '2024-10-08T23:59:30+08:00', seconds: 90 }), { type: 'screenshot', app: APP, start: '2024-10-08T10:00:00Z', count: 2 }];
    const body = lines.map((r) => JSON.stringify(r)).join('\n');
    const parsed = parseBatchBody(body, 10);
    const valid = parsed.ok ? validateBatch(parsed.items, { book: usd }) : null;
    if (!valid?.ok) throw new Error('expected a valid batch');
    const ids = [7, 1_000_000_000_123, 9_007_199_254_740_991];
    const meta = { accountId: '00000000-0000-4000-8000-000000000001', batchId: '00000000-0000-4000-8000-000000000002', receivedAtIso: '2024-10-09T00:00:00.000Z' };
    const mine = rowsWithIds(prepareJsonLinesBatch(Buffer.from(body), { book: usd, maxRecords: 10 })!, ids, `${meta.accountId}\t${meta.batchId}\t${meta.receivedAtIso}\t`).toString('utf8');
    const before = [...usageRecordCopyChunks(valid.records, { ...meta, timeZone: usd.timeZone, ids })].join('');
    // Before: id, account_id, sdk_app_id, batch_id, type, start, local_day, seconds, record, received_at.
    // Now:    id, account_id, batch_id, received_at, sdk_app_id, type, start, local_day, seconds, record.
    const reorder = (row: string) => {
      const [id, account, app, batch, type, s, day, seconds, record, received] = row.split('\t');
      return [id, account, batch, received, app, type, s, day, seconds, record].join('\t');
    };
    expect(mine.split('\n')).toEqual(before.split('\n').map((r) => (r ? reorder(r) : r)));
  });

  test('aggregatesWithIds writes the same column values as the COPY of the aggregates with ids', () => {
    // Records over two days and several windows, one crossing midnight, with more than five samples on a row.
    const records = [
      ...Array.from({ length: 7 }, (_, i) => media({ start: `2024-10-08T1${i}:00:00+08:00`, seconds: 3000 + i })),
      media({ start: '2024-10-08T23:59:30+08:00', seconds: 90 }),
      { type: 'screenshot', app: APP, start: '2024-10-09T10:00:00Z', count: 2 },
    ];
    const body = records.map((r) => JSON.stringify(r)).join('\n');
    const prepared = prepareJsonLinesBatch(Buffer.from(body), { book: usd, maxRecords: 10 })!;
    const ids = records.map((_, i) => 1_000_000 + 3 * i);
    const meta = { accountId: '00000000-0000-4000-8000-000000000001', batchId: '00000000-0000-4000-8000-000000000002', throughId: ids[ids.length - 1] as number };
    const mine = aggregatesWithIds(prepared.aggregates, ids, `${meta.accountId}\t${meta.batchId}\t${meta.throughId}\t`).toString('utf8');
    const rows = aggregateDays(usd, records.map((r, i) => ({ record: r as never, id: ids[i] as number })));
    const before = [...aggregateCopyChunks(rows, meta)].join('');
    // Before: account_id, local_day, sdk_app_id, item, batch_id, through_id, seconds, quantity, peak_kbps, records, day_records, windows, window_seconds, samples, carried, day_carried.
    // Now:    local_day, sdk_app_id, item, seconds, quantity, peak_kbps, records, day_records, windows, window_seconds, carried, day_carried, account_id, batch_id, through_id, samples.
    const reorder = (row: string) => {
      const [account, day, app, item, batch, through, seconds, quantity, peak, recs, dayRecords, windows, windowSeconds, samples, carried, dayCarried] = row.split('\t');
      return [day, app, item, seconds, quantity, peak, recs, dayRecords, windows, windowSeconds, carried, dayCarried, account, batch, through, samples].join('\t');
    };
    expect(rows.length).toBeGreaterThan(2);
    expect(mine.split('\n')).toEqual(before.split('\n').map((r) => (r ? reorder(r) : r)));
  });

  test('buffers given back serve the next batch, never one still in use', () => {
    const body = (user: string) => Buffer.from([media({ user }), media({ user, seconds: 30 })].map((r) => JSON.stringify(r)).join('\n'));
    const a = prepareJsonLinesBatch(body('a'), { book: usd, maxRecords: 10 })!;
    const b = prepareJsonLinesBatch(body('b'), { book: usd, maxRecords: 10 })!;
    expect(a.rows.buffer).not.toBe(b.rows.buffer);
    const bText = b.rows.toString('utf8');
    giveBack(a.rows);
    const c = prepareJsonLinesBatch(body('c'), { book: usd, maxRecords: 10 })!;
    expect(c.rows.buffer).toBe(a.rows.buffer);
    expect(b.rows.toString('utf8')).toBe(bText);
    // A batch that gives way hands its buffer back at once.
    giveBack(b.rows);
    expect(prepareJsonLinesBatch(Buffer.from(`${body('d').toString()}\nnot json`), { book: usd, maxRecords: 10 })).toBeNull();
    expect(prepareJsonLinesBatch(body('e'), { book: usd, maxRecords: 10 })!.rows.buffer).toBe(b.rows.buffer);
    giveBack(c.rows);
  });
});
