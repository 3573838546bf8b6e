import { describe, expect, it } from 'vitest';
import { parseLedgerFilters } from '@/lib/ledger/queries';
import { parseTableParams, searchTextSchema } from './table-params';

describe('search text (issue 14 item 8: /balance?q=%00 answered 500)', () => {
  it('refuses NUL and other control characters with a message naming the field', () => {
    const r = searchTextSchema('Search').safeParse('a\u0000b');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Search must not contain control characters.');
  });
  it('keeps ordinary text, trims, and makes empty undefined', () => {
    expect(searchTextSchema().parse('  top-up 100% ')).toBe('top-up 100%');
    expect(searchTextSchema().parse('   ')).toBeUndefined();
  });
  it('the ledger filters drop a NUL search, keep the other filters and explain it', () => {
    const { filters, errors } = parseLedgerFilters({ q: '\u0000', kind: 'top_up' });
    expect(filters.q).toBeUndefined();
    expect(filters.kind).toBe('top_up');
    expect(errors.q).toMatch(/control characters/);
  });
});

describe('parseTableParams', () => {
  it('keeps the asked page (the page clamps it to the last one once it knows the total)', () => {
    expect(parseTableParams({ page: '999' }, { sortable: ['a'] as const, defaultSort: 'a' }).page).toBe(999);
  });
});
