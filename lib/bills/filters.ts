import { BILL_KINDS, type BillKind } from '@/db/schema/billing';

/**
 * The bills page's filters from its search params (the page, the bill list downloads and
 * the statement use the same): kind and a month (`YYYY-MM`: bills whose period starts in
 * it). A value that is not understood is dropped and named.
 */
export type BillFilters = { kind?: BillKind; month?: string };

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseBillFilters(sp: Record<string, string | string[] | undefined>): { filters: BillFilters; problems: string[] } {
  const filters: BillFilters = {};
  const problems: string[] = [];
  const kind = one(sp.kind) ?? '';
  if ((BILL_KINDS as readonly string[]).includes(kind)) filters.kind = kind as BillKind;
  else if (kind) problems.push(`"${kind}" is not a kind of bill (${BILL_KINDS.join(', ')}); showing every kind.`);
  const month = one(sp.month) ?? '';
  if (MONTH_RE.test(month)) filters.month = month;
  else if (month) problems.push(`"${month}" is not a month (YYYY-MM); showing every month.`);
  return { filters, problems };
}

/** The filters as query parameters (for download links that follow the screen). */
export function billFilterQuery(filters: BillFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (filters.kind) p.set('kind', filters.kind);
  if (filters.month) p.set('month', filters.month);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
