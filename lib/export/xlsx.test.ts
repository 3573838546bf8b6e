import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { xlsxBuffer } from './xlsx';

describe('Excel export (exceljs)', () => {
  test('numbers in numeric columns, text defused, read back by exceljs', async () => {
    const buf = await xlsxBuffer([
      {
        name: 'Lines',
        preface: [['Bill', 'B1']],
        rows: [
          ['item', 'description', 'amount'],
          ['audio', '=HYPERLINK("http://x")', '12.345678'],
          ['fhd', '@SUM(A1)', '-0.5'],
        ],
        numeric: { amount: '0.00####' },
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Lines')!;
    expect(ws.getCell('B1').value).toBe('B1');
    expect(ws.getRow(3).values).toEqual([undefined, 'item', 'description', 'amount']);
    expect(ws.getCell('B4').value).toBe(`'=HYPERLINK("http://x")`);
    expect(ws.getCell('B4').formula).toBeUndefined();
    expect(ws.getCell('C4').value).toBe(12.345678);
    expect(ws.getCell('C5').value).toBe(-0.5);
    expect(ws.getCell('B5').value).toBe("'@SUM(A1)");
  });
});
