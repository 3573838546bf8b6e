import { describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { Decimal } from '@/lib/money/decimal';
import { csvLine, csvRows } from '@/lib/export/csv';
import { ledgerCsvRow, LEDGER_CSV_HEADER } from './csv';

describe('CSV escaping (csv-stringify)', () => {
  test.each([
    ['plain', 'Top-up', 'Top-up\r\n'],
    ['comma', 'a,b', '"a,b"\r\n'],
    ['quote', 'say "hi"', '"say ""hi"""\r\n'],
    ['newline', 'line1\nline2', '"line1\nline2"\r\n'],
    ['carriage return', 'a\rb', '"a\rb"\r\n'],
  ])('%s', (_l, input, expected) => {
    expect(csvLine([input])).toBe(expected);
  });

  test('formula-looking text is defused (= + - @ tab CR first), numbers are not', () => {
    expect(csvLine(['=HYPERLINK("x")'])).toBe(`"'=HYPERLINK(""x"")"\r\n`);
    expect(csvLine(['@SUM(A1)', '+1', '-x', '\tcmd', '\rcmd'])).toBe(`'@SUM(A1),'+1,'-x,'\tcmd,"'\rcmd"\r\n`);
    expect(csvLine(['-49.5', -3, null, undefined, ''])).toBe('-49.5,-3,,,\r\n');
  });

  test('what is written reads back the same (round trip through csv-parse)', () => {
    const rows = [['a,b', 'say "hi"', 'x\r\ny', '¥12.30', '客户']];
    expect(parse(csvRows(rows))).toEqual(rows);
  });

  test('a ledger row keeps exact amounts and the local offset', () => {
    const row = ledgerCsvRow({
      id: 7,
      at: new Date('2024-10-08T02:00:00Z'),
      kind: 'package_purchase',
      description: 'RTC-Engine Lite for "Class, A" (SDKAppID 1400000001)',
      descriptionKey: null,
      descriptionParams: null,
      reference: 'package:x',
      amount: new Decimal('-49.50'),
      currency: 'USD',
      balanceAfter: new Decimal('50.5'),
    });
    expect(LEDGER_CSV_HEADER).toBe('id,time,kind,description,reference,amount,currency,balance_after\r\n');
    expect(row).toBe('7,2024-10-08T10:00:00+08:00,package_purchase,"RTC-Engine Lite for ""Class, A"" (SDKAppID 1400000001)",package:x,-49.5,USD,50.5\r\n');
  });
});
