import { z } from 'zod';

/**
 * Text typed into a search box. Control characters (NUL above all: PostgreSQL cannot hold
 * it in text and answered `/balance?q=%00` with a 500, issue 14 item 8) are refused with a
 * message naming the field, like any other bad filter.
 */
export function searchTextSchema(label = 'Search', max = 100) {
  return z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), `${label} must not contain control characters.`)
    .transform((s) => s || undefined);
}

/** Sorting and paging from a page's search params, validated against the allowed columns. */
export type TableParams<K extends string> = { sort: K; dir: 'asc' | 'desc'; page: number; pageSize: number; offset: number };

export function parseTableParams<K extends string>(
  searchParams: Record<string, string | string[] | undefined>,
  options: { sortable: readonly K[]; defaultSort: K; defaultDir?: 'asc' | 'desc'; pageSize?: number },
): TableParams<K> {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const sort = z.enum(options.sortable as unknown as [K, ...K[]]).catch(options.defaultSort).parse(one(searchParams.sort));
  const dir = z.enum(['asc', 'desc']).catch(options.defaultDir ?? 'desc').parse(one(searchParams.dir));
  const page = z.coerce.number().int().min(1).max(100_000).catch(1).parse(one(searchParams.page));
  const pageSize = z.coerce.number().int().min(5).max(200).catch(options.pageSize ?? 25).parse(one(searchParams.pageSize));
  return { sort, dir, page, pageSize, offset: (page - 1) * pageSize };
}

/** A query string with some keys replaced (undefined removes a key). */
export function withParams(searchParams: Record<string, string | string[] | undefined>, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(searchParams)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  }
  for (const [k, v] of Object.entries(changes)) {
    params.delete(k);
    if (v !== undefined && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '?';
}

/** Cookie holding a table's hidden column keys (components/ui/column-menu.tsx), read on the server so a reload renders without them. */
export const columnsCookie = (tableId: string) => `cols_${tableId.replace(/[^A-Za-z0-9_-]/g, '')}`;
