/** Builders shared by the rating tests (not part of the public API). */
import { rateRecords, type RaterOptions } from './rater';
import type { RatingResult } from './result-types';
import type { Entitlement, ReceivedStream, UsageRecord } from './schemas';

export const APP = 1400000001;

export function media(start: string, seconds: number, receive: ReceivedStream[] = [], extra: Partial<UsageRecord> = {}): UsageRecord {
  return { type: 'media', app: APP, user: 'u', start, seconds, receive, ...extra } as UsageRecord;
}

export const video = (stream: string, w: number, h: number, more: Partial<ReceivedStream> = {}): ReceivedStream => ({ stream, audio: true, video: [w, h], ...more });
export const audio = (stream: string): ReceivedStream => ({ stream, audio: true });

export function rate(book: string, records: readonly UsageRecord[], options: Omit<RaterOptions, 'book'> = {}): RatingResult {
  return rateRecords(records, { book, ...options });
}

/** item → usage quantity. */
export function usageOf(r: RatingResult): Record<string, string> {
  return Object.fromEntries(r.usage.map((u) => [u.item, u.quantity]));
}

/** item → line quantity (what is left to pay). */
export function billedOf(r: RatingResult): Record<string, string> {
  return Object.fromEntries(r.lines.map((l) => [l.item, l.quantity]));
}

export function entitlement(id: string, kind: Entitlement['kind'], minutes: number, more: Partial<Entitlement> = {}): Entitlement {
  return { id, kind, minutes, validFrom: '2024-10-01', validTo: '2024-10-31', ...more };
}
