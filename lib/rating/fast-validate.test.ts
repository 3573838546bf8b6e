import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isWellFormedMediaRecord } from './fast-validate';
import { mediaRecordSchema } from './schemas';

/** The zod-free fast path must never accept what the schema refuses, and should accept the common shape. */
const anyValue = fc.oneof(
  fc.integer({ min: -2, max: 1400000002 }), fc.double(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null),
  fc.constant(undefined), fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 3 }), fc.constant({}),
);
const size = fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 2176 }));
const sent = fc.record({ audio: fc.boolean(), video: size, screen: fc.boolean() }, { requiredKeys: ['audio'] });
const received = fc.record({ stream: fc.string({ minLength: 1, maxLength: 3 }), audio: fc.boolean(), video: size, screen: fc.boolean() }, { requiredKeys: ['stream', 'audio'] });
const start = fc.constantFrom(
  '2024-10-08T10:00:00+08:00', '2024-10-08T10:00:00Z', '2024-10-08T10:00+08:00', '2024-02-29T10:00:00.5-07:00',
  '2024-10-08T10:00:00', '2024-13-08T10:00:00+08:00', '2024-10-08T24:00:00+08:00', '2023-02-29T10:00:00+08:00', '2024-10-08T10:00:00+24:00',
);
const valid = fc.record(
  {
    type: fc.constant('media'), app: fc.integer({ min: 1, max: 1400009999 }), user: fc.string({ minLength: 1, maxLength: 3 }), start,
    seconds: fc.nat(100_000), receive: fc.array(received, { maxLength: 3 }), send: fc.array(sent, { maxLength: 2 }),
    client: fc.constantFrom('native', 'miniprogram'), room: fc.string({ minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['type', 'app', 'user', 'start', 'seconds', 'receive'] },
);
const FIELDS = ['type', 'app', 'user', 'start', 'seconds', 'receive', 'send', 'client', 'room', 'bogus'];
const STREAM_FIELDS = ['stream', 'audio', 'video', 'screen', 'bogus'];

/** A valid record with one field (top level or in the first received stream) replaced, removed or added. */
const mutated = fc
  .tuple(valid, fc.boolean(), fc.constantFrom(...FIELDS), fc.constantFrom(...STREAM_FIELDS), fc.boolean(), anyValue)
  .map(([r, nested, field, streamField, remove, value]) => {
    const copy = structuredClone(r) as Record<string, unknown>;
    const receive = copy.receive as Record<string, unknown>[];
    const target = nested && receive.length ? (receive[0] as Record<string, unknown>) : copy;
    const key = target === copy ? field : streamField;
    if (remove) delete target[key];
    else target[key] = value;
    return copy;
  });

test('on parsed JSON, the fast path accepts exactly what mediaRecordSchema accepts', () => {
  let accepted = 0;
  let refused = 0;
  fc.assert(
    fc.property(fc.oneof(valid, mutated), (generated) => {
      const r: unknown = JSON.parse(JSON.stringify(generated));
      const ok = mediaRecordSchema.safeParse(r).success;
      if (ok) accepted++;
      else refused++;
      expect(isWellFormedMediaRecord(r)).toBe(ok);
    }),
    { numRuns: 5000 },
  );
  // Both sides must be exercised, or the test proves little.
  expect(accepted).toBeGreaterThan(500);
  expect(refused).toBeGreaterThan(500);
});

test('on any object (undefined values, null prototypes), the fast path never accepts what zod refuses', () => {
  fc.assert(
    fc.property(fc.oneof(valid, mutated), (r) => {
      if (isWellFormedMediaRecord(r)) expect(mediaRecordSchema.safeParse(r).success).toBe(true);
    }),
    { numRuns: 3000 },
  );
});

test('fast path accepts the generated benchmark shape', () => {
  const r = { type: 'media', app: 1400000672, room: 'r8', user: 'u9264', start: '2024-10-28T16:36:16+08:00', seconds: 2849, receive: [{ stream: 's0', audio: true, video: [640, 480] }, { stream: 's1', audio: true }] };
  expect(isWellFormedMediaRecord(r)).toBe(true);
});
