import { describe, expect, test } from 'vitest';
import { getPriceBook } from '@/lib/rating';
import { validateBatch } from './batch';
import { csvLine } from '@/lib/export/csv';
import { CsvFileError, csvRows, csvRowToItem, parseCsvHeader, type CsvRow } from './csv';

async function rows(text: string, chunkSize = text.length): Promise<CsvRow[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const out: CsvRow[] = [];
  for await (const r of csvRows(chunks())) out.push(r);
  return out;
}

describe('CSV rows (csv-parse, streaming)', () => {
  const text = '\uFEFFtype,app,receive\r\nmedia,1,"[{""stream"":""s1"",""audio"":true}]"\n\n  \r\nscreenshot,2,"multi\r\nline"\nlast,3,';
  test.each([1, 2, 3, 7, 1000])('chunks of %i characters give the same rows: BOM, quotes, CRLF and LF, blank lines, lines of each row', async (size) => {
    expect(await rows(text, size)).toEqual([
      { cells: ['type', 'app', 'receive'], line: 1 },
      { cells: ['media', '1', '[{"stream":"s1","audio":true}]'], line: 2 },
      { cells: ['screenshot', '2', 'multi\r\nline'], line: 5 },
      { cells: ['last', '3', ''], line: 7 },
    ]);
  });

  test('an unterminated quote refuses the file', async () => {
    await expect(rows('a,"b\nc,d\n')).rejects.toBeInstanceOf(CsvFileError);
  });

  test('a large upload read slowly waits on the parser many times without piling up listeners', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const line = 'media,1400000001,2024-10-01T10:00:00+08:00,60\n';
      async function* chunks() {
        for (let i = 0; i < 400; i++) yield line.repeat(400); // 400 chunks of ~19 kB: the parser's buffer fills again and again
      }
      let n = 0;
      for await (const _ of csvRows(chunks())) {
        if (++n % 500 === 0) await new Promise((r) => setImmediate(r)); // a slow reader: the feeder waits for 'drain'
      }
      expect(n).toBe(160_000);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('CSV header → record fields', () => {
  test('known columns in any order; a BOM is ignored', () => {
    expect(parseCsvHeader(['\uFEFFstart', 'type', 'app'])).toEqual({ ok: true, columns: ['start', 'type', 'app'] });
  });
  test.each([
    [['type', 'app', 'duration'], /Unknown column "duration"/],
    [['type', 'app', 'app'], /appears twice/],
    [['app', 'start'], /no "type" column/],
  ])('%j is refused', (cells, message) => {
    const h = parseCsvHeader(cells);
    expect(h.ok).toBe(false);
    expect(!h.ok && h.message).toMatch(message);
  });
});

describe('CSV rows → records', () => {
  const columns = ['type', 'app', 'user', 'start', 'seconds', 'receive', 'output', 'target', 'count'];
  const item = (cells: string[]) => csvRowToItem(columns, { cells, line: 7 });

  test('numbers, JSON cells and empty cells (absent fields)', () => {
    expect(item(['media', '1400000001', 'u1', '2024-10-08T10:00:00+08:00', '90', '[{"stream":"s1","audio":true,"video":[1280,720]}]', '', '', ''])).toEqual({
      line: 7,
      value: { type: 'media', app: 1400000001, user: 'u1', start: '2024-10-08T10:00:00+08:00', seconds: 90, receive: [{ stream: 's1', audio: true, video: [1280, 720] }] },
    });
  });

  test('output as WxH', () => {
    expect(item(['delivery', '1', '', '2024-10-08T10:00:00+08:00', '60', '', '1920x1080', 'tencent', '']).value).toMatchObject({ output: [1920, 1080], target: 'tencent' });
  });

  test('bad JSON in a JSON cell names the column', () => {
    expect(item(['media', '1', 'u', 's', '1', '[{oops', '', '', '']).itemError).toEqual({ field: 'receive', message: expect.stringContaining('not valid JSON') });
  });

  test('a row with the wrong number of cells', () => {
    expect(item(['media', '1']).itemError?.field).toBe('(row)');
  });

  test('a non-numeric number cell stays text for the schema to refuse, naming the field', () => {
    const it = item(['media', '1400000001', 'u1', '2024-10-08T10:00:00+08:00', 'ninety', '[]', '', '', '']);
    const v = validateBatch([it], { book: getPriceBook('trtc-2024-usd') });
    expect(v.ok === false && v.errors).toEqual([{ index: 0, line: 7, field: 'seconds', message: expect.stringContaining('integer') }]);
  });
});

describe('CSV output', () => {
  test.each([
    [['a', 1, null, 'x,y', 'say "hi"', 'two\nlines'], 'a,1,,"x,y","say ""hi""","two\nlines"\r\n'],
    [['-1.25', '=SUM(A1)', '@x', '+1 call'], "-1.25,'=SUM(A1),'@x,'+1 call\r\n"],
  ])('%j', (cells, line) => {
    expect(csvLine(cells)).toBe(line);
  });
});
