import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { eq, sql } from 'drizzle-orm';
import { usageAggregates, usageBatches, usageRecords } from '../db/schema';
import { signedUsageHeaders } from '../lib/usage/signature';
import { parse as parseCsvText } from 'csv-parse/sync';
import { toOffsetIso } from '../lib/time/format';
import { localDate } from '../lib/time/local-date';
import { e2eDb } from './fixtures';

/** Helpers for the usage, import, bills and calculator walks (issue 6). */

export type SignedApp = { sdkAppId: number; secretKey: string };

/** POST a batch to the usage API the way a customer's server (or curl) does: signed headers, raw body. */
export async function sendUsage(
  request: APIRequestContext,
  app: SignedApp,
  body: string,
  options: { key?: string; now?: Date; secretKey?: string; drop?: string[]; extra?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = signedUsageHeaders({ sdkAppId: app.sdkAppId, secretKey: options.secretKey ?? app.secretKey, body, idempotencyKey: options.key ?? randomUUID(), now: options.now });
  for (const h of options.drop ?? []) delete headers[h];
  Object.assign(headers, options.extra ?? {});
  const res = await request.post('/api/v1/usage', { headers, data: body });
  return { status: res.status(), json: (await res.json()) as { error?: { code: string; message: string; details?: { index: number; field: string; message: string }[] } } & Record<string, unknown> };
}

export async function storedUsage(accountId: string) {
  const { db } = e2eDb();
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(usageRecords).where(eq(usageRecords.accountId, accountId));
  const [b] = await db.select({ n: sql<number>`count(*)::int` }).from(usageBatches).where(eq(usageBatches.accountId, accountId));
  // Usage statistics rows: the (day, app, item) keys of the aggregates kept at ingest (issue 11).
  const [d] = await db.select({ n: sql<number>`count(distinct (local_day, sdk_app_id, item)) filter (where item <> '')::int` }).from(usageAggregates).where(eq(usageAggregates.accountId, accountId));
  return { records: r?.n ?? 0, batches: b?.n ?? 0, daily: d?.n ?? 0 };
}

/** `YYYY-MM-DD` of an instant in the billing zone. */
export const localDayOf = (instant: Date): string => localDate(instant);

/** `2024-10-08T10:00:00+08:00` for an instant. */
export const offsetIso = (instant: Date): string => toOffsetIso(instant);

export function parseCsv(text: string): Record<string, string>[] {
  return parseCsvText(text, { bom: true, columns: true, relax_column_count: true }) as Record<string, string>[];
}

export function mediaRecord(app: number, start: Date, seconds: number, video?: [number, number], user = `u-${randomUUID().slice(0, 6)}`) {
  return { type: 'media', app, user, room: 'r1', start: offsetIso(start), seconds, receive: video ? [{ stream: 's1', audio: true, video }] : [] };
}
