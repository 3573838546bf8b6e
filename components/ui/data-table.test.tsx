import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { DataTable } from './data-table';

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
});
