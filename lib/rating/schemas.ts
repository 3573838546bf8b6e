import { z } from 'zod';
import { dateToDay, parseInstantSeconds } from './time-zone';

/**
 * Usage record schemas (rating.md section 1), shared with the ingestion API and CSV import.
 * Strict: unknown fields are refused. Messages are written to be shown with the record
 * index and field path (see parse-records.ts).
 */

const MSG = {
  app: 'expected a positive integer SDKAppID',
  seconds: 'expected a non-negative integer number of seconds',
  count: 'expected a non-negative integer',
  start: 'expected an ISO 8601 date-time with an offset, e.g. 2024-10-08T10:00:00+08:00',
  resolution: 'expected [width, height] positive integers',
  text: 'expected a non-empty string',
  bool: 'expected true or false',
  kbps: 'expected a non-negative number of kbps',
  date: 'expected a local date YYYY-MM-DD',
} as const;

/** Zod error option: say "missing" when the field is absent, else the expectation. */
export const says = (text: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `missing; ${text}` : text),
});

/** rating.md section 1: zero or negative resolutions are refused (also the fast path's check). */
export function isResolution(v: unknown): v is [number, number] {
  return (
    Array.isArray(v) && v.length === 2 &&
    Number.isSafeInteger(v[0]) && (v[0] as number) > 0 &&
    Number.isSafeInteger(v[1]) && (v[1] as number) > 0
  );
}

const resolutionSchema = z.custom<[number, number]>(isResolution, says(MSG.resolution));
const appSchema = z.int(says(MSG.app)).positive(says(MSG.app));
const secondsSchema = z.int(says(MSG.seconds)).nonnegative(says(MSG.seconds));
const countSchema = z.int(says(MSG.count)).nonnegative(says(MSG.count));
const textSchema = z.string(says(MSG.text)).min(1, says(MSG.text));
const boolSchema = z.boolean(says(MSG.bool));
export const instantSchema = z.string(says(MSG.start)).refine((s) => parseInstantSeconds(s) !== null, says(MSG.start));
export const localDateSchema = z.string(says(MSG.date)).refine((s) => dateToDay(s) !== null, says(MSG.date));
const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, says(`expected one of ${values.join(', ')}`));

const receivedStreamSchema = z.strictObject({
  stream: textSchema,
  audio: boolSchema,
  video: resolutionSchema.optional(),
  screen: boolSchema.optional(),
});
const sentStreamSchema = z.strictObject({
  audio: boolSchema,
  video: resolutionSchema.optional(),
  screen: boolSchema.optional(),
});
const processingInputSchema = z.strictObject({
  audio: boolSchema,
  video: resolutionSchema.optional(),
});

const base = { app: appSchema, start: instantSchema };

export const mediaRecordSchema = z.strictObject({
  type: z.literal('media'),
  ...base,
  user: textSchema,
  seconds: secondsSchema,
  receive: z.array(receivedStreamSchema, says('expected a list of received streams')),
  send: z.array(sentStreamSchema, says('expected a list of sent streams')).optional(),
  client: enumOf(['native', 'miniprogram'] as const).optional(),
  room: textSchema.optional(),
});
export const recordingRecordSchema = z.strictObject({
  type: z.literal('recording'),
  ...base,
  seconds: secondsSchema,
  mode: enumOf(['single', 'mixed'] as const),
  inputs: z.array(processingInputSchema, says('expected a list of inputs')),
});
export const deliveryRecordSchema = z.strictObject({
  type: z.literal('delivery'),
  ...base,
  seconds: secondsSchema,
  target: enumOf(['tencent', 'third-party', 'vod'] as const),
  output: resolutionSchema.optional(),
});
export const transcodeRecordSchema = z.strictObject({
  type: z.literal('transcode'),
  ...base,
  seconds: secondsSchema,
  codec: enumOf(['h264', 'h265'] as const),
  inputs: z.array(processingInputSchema, says('expected a list of inputs')),
  output: resolutionSchema.optional(),
});
export const relayRecordSchema = z.strictObject({
  type: z.literal('relay'),
  ...base,
  target: enumOf(['tencent', 'third-party'] as const),
  kbps: z.number(says(MSG.kbps)).nonnegative(says(MSG.kbps)).finite(says(MSG.kbps)),
});
export const screenshotRecordSchema = z.strictObject({ type: z.literal('screenshot'), ...base, count: countSchema });
export const slicingRecordSchema = z.strictObject({
  type: z.literal('slicing'),
  ...base,
  seconds: secondsSchema,
  kind: enumOf(['audio', 'video'] as const),
});
export const signalingRecordSchema = z.strictObject({ type: z.literal('signaling'), ...base, calls: countSchema });

export const RECORD_TYPES = ['media', 'recording', 'delivery', 'transcode', 'relay', 'screenshot', 'slicing', 'signaling'] as const;

export const usageRecordSchema = z.discriminatedUnion(
  'type',
  [
    mediaRecordSchema,
    recordingRecordSchema,
    deliveryRecordSchema,
    transcodeRecordSchema,
    relayRecordSchema,
    screenshotRecordSchema,
    slicingRecordSchema,
    signalingRecordSchema,
  ],
  { error: `expected type to be one of ${RECORD_TYPES.join(', ')}` },
);

export type UsageRecord = z.infer<typeof usageRecordSchema>;
export type MediaRecord = z.infer<typeof mediaRecordSchema>;
export type RelayRecord = z.infer<typeof relayRecordSchema>;
export type ScreenshotRecord = z.infer<typeof screenshotRecordSchema>;
export type SignalingRecord = z.infer<typeof signalingRecordSchema>;
export type ReceivedStream = z.infer<typeof receivedStreamSchema>;
export type SentStream = z.infer<typeof sentStreamSchema>;
export type ProcessingInput = z.infer<typeof processingInputSchema>;

/** Entitlement minutes: a number or a decimal string (a remaining balance may be fractional). */
const minutesSchema = z.union([z.number(), z.string()], says('expected a non-negative number of minutes')).refine(
  (v) => (typeof v === 'number' ? Number.isFinite(v) && v >= 0 : /^\d+(\.\d+)?$/.test(v)),
  { error: 'expected a non-negative number of minutes' },
);

/** rating.md section 4. */
export const entitlementSchema = z.strictObject({
  id: textSchema,
  kind: enumOf(['free', 'package', 'trial'] as const),
  minutes: minutesSchema,
  validFrom: localDateSchema,
  validTo: localDateSchema,
  app: appSchema.optional(),
  purchasedAt: instantSchema.optional(),
}).refine((e) => e.validFrom <= e.validTo, { error: 'validTo is before validFrom', path: ['validTo'] });

export type Entitlement = z.infer<typeof entitlementSchema>;

export const accountSchema = z.strictObject({ registeredAt: instantSchema });
export type RatingAccount = z.infer<typeof accountSchema>;
