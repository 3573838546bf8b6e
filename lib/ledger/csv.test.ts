import { describe, expect, test } from 'vitest';
import { Decimal } from '@/lib/money/decimal';
import { csvField, ledgerCsvRow, LEDGER_CSV_HEADER } from './csv';

describe('CSV escaping', () => {
  test.each([
    ['plain', 'Top-up', 'Top-up'],
    ['comma', 'a,b', '"a,b"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['newline', 'line1\nline2', '"line1\nline2"'],
    ['carriage return', 'a\rb', '"a\rb"'],
    ['empty', '', ''],
  ])('%s', (_l, input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  test('formula-looking text is defused, numbers are not', () => {
    expect(csvField('=HYPERLINK("x")', { text: true })).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)', { text: true })).toBe("'@SUM(A1)");
    expect(csvField('-49.5')).toBe('-49.5');
    expect(csvField(null)).toBe('');
  });

  test('a ledger row keeps exact amounts and the local offset', () => {
    const row = ledgerCsvRow({
      id: 7,
      at: new Date('2024-10-08T02:00:00Z'),
      kind: 'package_purchase',
      description: 'RTC-Engine Lite for "Class, A" (SDKAppID 1400000001)',
      reference: 'package:x',
      amount: new Decimal('-49.50'),
      currency: 'USD',
      balanceAfter: new Decimal('50.5'),
    });
    expect(LEDGER_CSV_HEADER).toBe('id,time,kind,description,reference,amount,currency,balance_after\r\n');
    expect(row).toBe('7,2024-10-08T10:00:00+08:00,package_purchase,"RTC-Engine Lite for ""Class, A"" (SDKAppID 1400000001)",package:x,-49.5,USD,50.5\r\n');
  });
});
