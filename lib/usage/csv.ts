import { csvField, csvRow } from '@/lib/ledger/csv';
import type { BatchItem } from './batch';

/**
 * CSV import format (docs/usage-api.md, "Importing a file"): RFC 4180 (comma separated,
 * double quotes around cells holding commas, quotes or line breaks, "" for a quote),
 * UTF-8, a header row naming record fields of rating.md section 1, one record per row.
 *
 * - Header: any of CSV_COLUMNS, in any order; an unknown column refuses the file.
 * - An empty cell means the field is absent.
 * - `app`, `seconds`, `kbps`, `count`, `calls` are numbers.
 * - `receive`, `send`, `inputs` hold JSON, e.g. `"[{""stream"":""s1"",""audio"":true,""video"":[1280,720]}]"`.
 * - `output` is `1280x720` or JSON `[1280,720]`.
 * - Everything else is text (`type`, `start`, `user`, `room`, `client`, `mode`, `target`, `codec`, `kind`).
 * Each row becomes a record object; lib/rating's schema then validates it like an API record.
 */
export const CSV_COLUMNS = ['type', 'app', 'start', 'seconds', 'user', 'room', 'client', 'receive', 'send', 'mode', 'inputs', 'target', 'output', 'codec', 'kbps', 'count', 'kind', 'calls'] as const;
const NUMBER_COLUMNS = new Set(['app', 'seconds', 'kbps', 'count', 'calls']);
const JSON_COLUMNS = new Set(['receive', 'send', 'inputs']);
const KNOWN = new Set<string>(CSV_COLUMNS);
const NUMBER_RE = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const SIZE_RE = /^(\d+)\s*[xX×]\s*(\d+)$/;
/** Output cells: text that is a plain decimal number is not a formula. */
const PLAIN_NUMBER_RE = /^-?\d+(\.\d+)?$/;

/** A CSV row with the line it starts on (1-based). */
export type CsvRow = { cells: string[]; line: number };

/**
 * Streaming RFC 4180 tokenizer: feed text chunks, get complete rows; holds only the
 * unfinished row. Line numbers count physical lines (a quoted line break counts).
 */
export class CsvParser {
  private cells: string[] = [];
  private cell = '';
  private inQuotes = false;
  private quoteSeen = false; // a quote inside a quoted cell: either "" or the closing quote
  private line = 1;
  private rowLine = 1;
  private afterCr = false;
  private rowHasContent = false;

  push(text: string, onRow: (row: CsvRow) => void): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (this.afterCr) {
        this.afterCr = false;
        if (c === '\n') continue;
      }
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === '"') {
            this.cell += '"';
            continue;
          }
          this.inQuotes = false; // the quote closed the cell; fall through to handle c
        } else if (c === '"') {
          this.quoteSeen = true;
          continue;
        } else {
          if (c === '\n') this.line++;
          this.cell += c;
          continue;
        }
      }
      if (c === '"' && this.cell === '') {
        this.inQuotes = true;
        this.rowHasContent = true;
      } else if (c === ',') {
        this.cells.push(this.cell);
        this.cell = '';
        this.rowHasContent = true;
      } else if (c === '\n' || c === '\r') {
        this.endRow(onRow);
        this.line++;
        this.rowLine = this.line;
        if (c === '\r') this.afterCr = true;
      } else {
        this.cell += c;
        if (c !== ' ' && c !== '\t') this.rowHasContent = true;
      }
    }
  }

  /** End of input: the last row (without a final line break). */
  end(onRow: (row: CsvRow) => void): void {
    if (this.quoteSeen) {
      this.quoteSeen = false;
      this.inQuotes = false;
    }
    this.endRow(onRow);
  }

  /** Still inside a quoted cell at the end: the file is cut short. */
  get unterminated(): boolean {
    return this.inQuotes;
  }

  private endRow(onRow: (row: CsvRow) => void): void {
    if (this.inQuotes) return;
    this.cells.push(this.cell);
    const blank = !this.rowHasContent && this.cells.length === 1;
    if (!blank) onRow({ cells: this.cells, line: this.rowLine });
    this.cells = [];
    this.cell = '';
    this.rowHasContent = false;
  }
}

export type CsvHeader = { ok: true; columns: string[] } | { ok: false; message: string };

export function parseCsvHeader(cells: readonly string[]): CsvHeader {
  const columns = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  const unknown = columns.filter((c) => !KNOWN.has(c));
  if (unknown.length) {
    return { ok: false, message: `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in the header row; columns are record fields: ${CSV_COLUMNS.join(', ')}.` };
  }
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) return { ok: false, message: `Column "${dup}" appears twice in the header row.` };
  if (!columns.includes('type')) return { ok: false, message: 'The header row has no "type" column; the first row must name the record fields.' };
  return { ok: true, columns };
}

/** One data row → a batch item (a record object, or a cell error to report with the row). */
export function csvRowToItem(columns: readonly string[], row: CsvRow): BatchItem {
  if (row.cells.length !== columns.length) {
    return { value: undefined, line: row.line, itemError: { field: '(row)', message: `has ${row.cells.length} cells; the header has ${columns.length}` } };
  }
  const value: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as string;
    const raw = (row.cells[i] as string).trim();
    if (raw === '') continue;
    if (NUMBER_COLUMNS.has(column)) {
      value[column] = NUMBER_RE.test(raw) ? Number(raw) : raw;
    } else if (JSON_COLUMNS.has(column)) {
      try {
        value[column] = JSON.parse(raw);
      } catch {
        return { value: undefined, line: row.line, itemError: { field: column, message: 'not valid JSON (write it as a JSON list, e.g. [{"stream":"s1","audio":true}])' } };
      }
    } else if (column === 'output') {
      const m = SIZE_RE.exec(raw);
      if (m) value[column] = [Number(m[1]), Number(m[2])];
      else {
        try {
          value[column] = JSON.parse(raw);
        } catch {
          value[column] = raw;
        }
      }
    } else {
      value[column] = raw;
    }
  }
  return { value, line: row.line };
}

/**
 * One CSV output line (RFC 4180, CRLF), cells quoted by lib/ledger's csvField. Text that a
 * spreadsheet would run as a formula (=, +, -, @ first, and not a number) gets a leading
 * apostrophe; negative numbers written as text stay numbers.
 */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return csvRow(cells.map((v) => csvField(v, { text: typeof v === 'string' && !PLAIN_NUMBER_RE.test(v) })));
}
