import { isResolution, type MediaRecord } from './schemas';
import { parseInstantSeconds } from './time-zone';

/**
 * A zod-free check of the common case on the ingestion hot path: a well-formed `media`
 * record. It accepts only what `mediaRecordSchema` accepts (fast-validate.test.ts checks
 * the two agree); whatever it does not accept goes through zod, which names the errors.
 */

type Obj = Record<string, unknown>;

const MEDIA_KEYS: Readonly<Record<string, true>> = { type: true, app: true, user: true, start: true, seconds: true, receive: true, send: true, client: true, room: true };
const RECEIVED_KEYS: Readonly<Record<string, true>> = { stream: true, audio: true, video: true, screen: true };
const SENT_KEYS: Readonly<Record<string, true>> = { audio: true, video: true, screen: true };

const isPlainObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

const onlyKeys = (o: Obj, allowed: Readonly<Record<string, true>>) => {
  for (const k in o) if (allowed[k] !== true) return false;
  return true;
};

const nonEmptyString = (v: unknown) => typeof v === 'string' && v.length > 0;
const positiveInt = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
const optionalBool = (v: unknown) => v === undefined || typeof v === 'boolean';
const optionalResolution = (v: unknown) => v === undefined || isResolution(v);

function validStreams(list: unknown, keys: Readonly<Record<string, true>>, withId: boolean): boolean {
  if (!Array.isArray(list)) return false;
  for (const s of list) {
    if (!isPlainObject(s) || !onlyKeys(s, keys)) return false;
    if (withId && !nonEmptyString(s.stream)) return false;
    if (typeof s.audio !== 'boolean' || !optionalResolution(s.video) || !optionalBool(s.screen)) return false;
  }
  return true;
}

export function isWellFormedMediaRecord(v: unknown): v is MediaRecord {
  if (!isPlainObject(v) || v.type !== 'media' || !onlyKeys(v, MEDIA_KEYS)) return false;
  return (
    positiveInt(v.app) &&
    nonEmptyString(v.user) &&
    typeof v.start === 'string' && parseInstantSeconds(v.start) !== null &&
    Number.isSafeInteger(v.seconds) && (v.seconds as number) >= 0 &&
    validStreams(v.receive, RECEIVED_KEYS, true) &&
    (v.send === undefined || validStreams(v.send, SENT_KEYS, false)) &&
    (v.client === undefined || v.client === 'native' || v.client === 'miniprogram') &&
    (v.room === undefined || nonEmptyString(v.room))
  );
}
