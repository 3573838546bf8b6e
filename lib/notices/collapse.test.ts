import { describe, expect, it } from 'vitest';
import { collapseRepeatedNotices } from './collapse';

const n = (kind: string, title: string, day: number) => ({ kind, title, at: new Date(Date.UTC(2026, 10, day)) });

describe('collapseRepeatedNotices (overview: the same notice twice, issue 14 item 8)', () => {
  it('folds a repeated notice into the newest one and keeps the order', () => {
    const rows = [n('application.free_exhausted', 'Town Hall is suspended', 7), n('application.resumed', 'Town Hall resumed', 6), n('application.free_exhausted', 'Town Hall is suspended', 1)];
    const out = collapseRepeatedNotices(rows, 5);
    expect(out.map((r) => r.title)).toEqual(['Town Hall is suspended', 'Town Hall resumed']);
    expect(out[0]!.earlier).toEqual([rows[2]!.at]);
  });
  it('keeps different titles of one kind apart and stops at the limit', () => {
    const out = collapseRepeatedNotices([n('k', 'a', 5), n('k', 'b', 4), n('k', 'c', 3)], 2);
    expect(out.map((r) => r.title)).toEqual(['a', 'b']);
  });
});
