import { CsvError, parse } from 'csv-parse';
import type { BatchItem } from './batch';

/**
 * CSV import format (docs/usage-api.md, "Importing a file"), read with csv-parse: RFC 4180 (comma separated,
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

/** A CSV row with the line it starts on (1-based). */
export type CsvRow = { cells: string[]; line: number };

/** The file ends inside a quoted cell, or a row is not CSV at all: the whole file is refused. */
export class CsvFileError extends Error {}

/** Physical line breaks inside a row's cells (CRLF, LF or CR each count once). */
function lineBreaks(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) n += c.match(/\r\n|\n|\r/g)?.length ?? 0;
  return n;
}

/**
 * Rows of a CSV text stream, parsed by csv-parse (RFC 4180: quoted cells with commas,
 * quotes and line breaks; a BOM; CRLF, LF or CR line ends, even mixed). Blank lines are
 * skipped; each row carries the physical line it starts on, so errors name the line an
 * editor shows. A quote that is never closed throws CsvFileError.
 */
export async function* csvRows(text: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, record_delimiter: ['\r\n', '\n', '\r'] });
  const feeding = (async () => {
    try {
      for await (const chunk of text) {
        if (parser.destroyed) break; // the reader stopped early (a refusal): stop reading the upload too
        if (!parser.write(chunk) && !parser.destroyed) {
          // Whichever comes first takes the other listener away: a large upload waits here
          // thousands of times, and a left 'close' listener per wait piled up (Node's
          // MaxListenersExceededWarning in the e2e run's 20 MB import).
          await new Promise<void>((resolve) => {
            const go = () => {
              parser.off('drain', go);
              parser.off('close', go);
              resolve();
            };
            parser.once('drain', go);
            parser.once('close', go);
          });
        }
      }
      if (!parser.destroyed) parser.end();
    } catch (err) {
      parser.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  let line = 1;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const at = line;
      line += 1 + lineBreaks(cells);
      if (cells.length === 1 && (cells[0] as string).trim() === '') continue;
      yield { cells, line: at };
    }
  } catch (err) {
    if (err instanceof CsvError && err.code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvFileError('The CSV file ends inside a quoted cell (a missing closing ").');
    if (err instanceof CsvError) throw new CsvFileError(`The file is not valid CSV near line ${line}: ${err.message}.`);
    throw err;
  } finally {
    parser.destroy();
    await feeding;
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
