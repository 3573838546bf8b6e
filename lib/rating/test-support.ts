/** Builders shared by the rating tests (not part of the public API). */
import { dec } from '@/lib/money/decimal';
import { rateRecords, type RaterOptions } from './rater';
import type { RatingResult } from './result-types';
import type { Entitlement, UsageRecord } from './schemas';

type Stream = { stream: string; audio: boolean; video?: [number, number]; screen?: boolean };

export const APP = 1400000001;

export function media(start: string, seconds: number, receive: Stream[] = [], extra: Partial<UsageRecord> = {}): UsageRecord {
  return { type: 'media', app: APP, user: 'u', start, seconds, receive, ...extra } as UsageRecord;
}

export const video = (stream: string, w: number, h: number, more: Partial<Stream> = {}): Stream => ({ stream, audio: true, video: [w, h], ...more });
export const audio = (stream: string): Stream => ({ stream, audio: true });

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

/** Sum of decimal strings, as a plain string. */
export const decSum = (xs: string[]) => xs.reduce((a, x) => a.plus(x), dec(0)).toFixed();
