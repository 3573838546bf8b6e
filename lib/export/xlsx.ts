import ExcelJS from 'exceljs';
import type { CsvCell } from './csv';
import { neutralizeFormula, PLAIN_NUMBER_RE } from './formula';

/**
 * Excel (.xlsx) downloads, written by exceljs, from the same rows as the CSV files (bills,
 * bill lines, usage), as the TRTC console offers them. Text cells are string values (never
 * formulas) and formula-looking text also gets the CSV's leading apostrophe, so a file
 * saved again as CSV stays defused. Columns named in `numeric` hold numbers: money and
 * quantities arrive as exact decimal strings and become numbers only here, in the file,
 * shown with `numFmt` (e.g. `0.00` for totals).
 */
export type SheetSpec = {
  name: string;
  /** The first row is the header. */
  rows: readonly (readonly CsvCell[])[];
  /** Header name → number format; those columns are written as numbers. */
  numeric?: Readonly<Record<string, string>>;
  /** Rows above the table (title, account, period): label/value pairs. */
  preface?: readonly (readonly CsvCell[])[];
};

export const MONEY_EXACT_FMT = '#,##0.00####';
export const MONEY_FMT = '#,##0.00';
export const INTEGER_FMT = '#,##0';

function cellValue(v: CsvCell, numFmt: string | undefined): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (numFmt !== undefined && (typeof v === 'number' || PLAIN_NUMBER_RE.test(v))) return typeof v === 'number' ? v : Number(v);
  if (typeof v === 'number') return v;
  return neutralizeFormula(v);
}

export function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(spec.name.slice(0, 31));
  for (const p of spec.preface ?? []) ws.addRow(p.map((v) => cellValue(v, undefined)));
  if (spec.preface?.length) ws.addRow([]);
  const [header, ...body] = spec.rows;
  if (!header) return ws;
  const formats = header.map((h) => spec.numeric?.[String(h)]);
  const headerRow = ws.addRow(header.map((h) => cellValue(h, undefined)));
  headerRow.font = { bold: true };
  const headerAt = headerRow.number;
  for (const r of body) {
    const row = ws.addRow(r.map((v, i) => cellValue(v, formats[i])));
    formats.forEach((fmt, i) => {
      if (fmt) row.getCell(i + 1).numFmt = fmt;
    });
  }
  ws.views = [{ state: 'frozen', ySplit: headerAt }];
  header.forEach((h, i) => {
    const longest = Math.max(String(h ?? '').length, ...body.slice(0, 500).map((r) => String(r[i] ?? '').length));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
  return ws;
}

export async function xlsxBuffer(sheets: readonly SheetSpec[], meta: { title?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'TRTC billing console';
  if (meta.title) workbook.title = meta.title;
  for (const s of sheets) addSheet(workbook, s);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
