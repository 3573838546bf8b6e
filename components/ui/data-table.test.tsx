import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup as renderPlain } from 'react-dom/server';
import type { ReactElement } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { MESSAGES } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/config';
import { readFileSync } from 'node:fs';
import { ColumnRegion } from './column-menu';
import { DataTable } from './data-table';
import { columnsCookie } from '@/lib/table-params';

/** Rendered as a page renders it: inside the language provider (English unless told). */
function renderToStaticMarkup(node: ReactElement, locale: Locale = 'en') {
  return renderPlain(
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone="Asia/Shanghai">
      {node}
    </NextIntlClientProvider>,
  );
}

const columns = [{ key: 'n', header: 'N', render: (r: { n: number }) => String(r.n) }];

describe('DataTable paging (issue 14 item 8: "/bills?page=999" said "page 999 of 3")', () => {
  it('a page past the last says so and links to the last page, without "Page 999 of 3"', () => {
    const html = renderToStaticMarkup(
      <DataTable columns={columns} rows={[]} rowKey={(r) => r.n} searchParams={{ page: '999', kind: 'monthly' }} params={{ page: 999, pageSize: 25 }} total={75} />,
    );
    expect(html).toContain('There is no page 999: 75 rows fit on 3 pages.');
    expect(html).toContain('href="?kind=monthly&amp;page=3"');
    expect(html).not.toContain('Page 999 of 3');
  });
  it('an ordinary page keeps its footer', () => {
    const html = renderToStaticMarkup(
      <DataTable columns={columns} rows={[{ n: 1 }]} rowKey={(r) => r.n} searchParams={{ page: '2' }} params={{ page: 2, pageSize: 25 }} total={75} />,
    );
    expect(html.replace(/<!-- -->/g, '')).toContain('Page 2 of 3');
    expect(html).not.toContain('There is no page');
  });
  it('pages in Chinese (issue 14 item 4)', () => {
    const html = renderToStaticMarkup(
      <DataTable columns={columns} rows={[{ n: 1 }]} rowKey={(r) => r.n} searchParams={{ page: '2' }} params={{ page: 2, pageSize: 25 }} total={1075} />,
      'zh',
    ).replace(/<!-- -->/g, '');
    expect(html).toContain('第 2 页，共 43 页');
    expect(html).toContain('第 26–50 条，共 1,075 条');
    expect(html).toContain('上一页');
    expect(html).not.toContain('Previous');
    const past = renderToStaticMarkup(<DataTable columns={columns} rows={[]} rowKey={(r) => r.n} searchParams={{ page: '9' }} params={{ page: 9, pageSize: 25 }} total={75} />, 'zh');
    expect(past).toContain('没有第 9 页：共 75 行，3 页。');
  });
});

describe('DataTable column choice and sticky header (issue 14 item 5)', () => {
  const cols = [
    { key: 'a', header: 'A', render: (r: { n: number }) => `a${r.n}`, footer: 'Total' },
    { key: 'b', header: 'B', render: (r: { n: number }) => `b${r.n}`, footer: '3' },
  ];
  it('marks every header, cell and footer cell with its column index, and keeps the header sticky in a scroll region', () => {
    const html = renderToStaticMarkup(<DataTable columns={cols} rows={[{ n: 1 }, { n: 2 }]} rowKey={(r) => r.n} searchParams={{}} />);
    expect(html.match(/data-ci="1"/g)).toHaveLength(4); // header, two rows, footer
    expect(html).toMatch(/<tfoot[^>]*><tr><td data-ci="0"[^>]*>Total<\/td><td data-ci="1"[^>]*>3<\/td>/);
    expect(html).toMatch(/<thead class="sticky top-0/);
    expect(html).toMatch(/class="max-h-\[75vh\] overflow-auto"/);
  });
  it('the region hides the remembered columns, unticks them, and never lets the last column go', () => {
    const html = renderToStaticMarkup(
      <ColumnRegion tableId="t" columns={[{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }, { key: 'gone', label: 'G' }]} initialHidden={['b', 'gone', 'unknown']} defaultOpen>
        <table />
      </ColumnRegion>,
    );
    expect(html).toContain('data-hide="c1 c2"');
    expect(html).toContain('Columns (2 hidden)');
    const box = (key: string) => html.match(new RegExp(`<input type="checkbox"[^>]*data-column="${key}"[^>]*>`))?.[0] ?? '';
    expect(box('a')).toContain('checked=""');
    expect(box('a')).toContain('disabled=""');
    expect(box('b')).not.toContain('checked');
    expect(box('b')).not.toContain('disabled');
    // The CSS that does the hiding exists for every index a table here uses.
    const css = readFileSync(new URL('../../app/globals.css', import.meta.url), 'utf8');
    for (let i = 0; i < 12; i++) expect(css).toContain(`[data-hide~='c${i}'] [data-ci='${i}'] { display: none; }`);
  });
  it('closed, the menu holds no checkbox (no second control labelled "Amount" next to a form field)', () => {
    const html = renderToStaticMarkup(
      <ColumnRegion tableId="t" columns={[{ key: 'amount', label: 'Amount' }, { key: 'b', label: 'B' }]} initialHidden={[]}>
        <table />
      </ColumnRegion>,
    );
    expect(html).toContain('data-testid="columns-menu"');
    expect(html).not.toContain('type="checkbox"');
  });
  it('a cookie name cannot carry characters a cookie may not hold', () => {
    expect(columnsCookie('bills-table')).toBe('cols_bills-table');
    expect(columnsCookie('a;b=c d')).toBe('cols_abcd');
  });
});
