/**
 * The overview's latest notices, each told once (issue 14 item 8: the same notice twice, e.g.
 * "Town Hall is suspended: free minutes used up" in October and again in November). Rows are
 * newest first; a notice with the same kind and title as a newer one is folded into it and
 * listed as an earlier occurrence. The Messages page keeps every notice.
 */
export function collapseRepeatedNotices<T extends { kind: string; title: string; at: Date }>(rows: T[], limit: number): (T & { earlier: Date[] })[] {
  const out: (T & { earlier: Date[] })[] = [];
  const byKey = new Map<string, T & { earlier: Date[] }>();
  for (const r of rows) {
    const key = `${r.kind}\u0000${r.title}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.earlier.push(r.at);
      continue;
    }
    if (out.length >= limit) continue;
    const item = { ...r, earlier: [] as Date[] };
    byKey.set(key, item);
    out.push(item);
  }
  return out;
}
