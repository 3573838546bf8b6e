import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula } from './formula';

/**
 * CSV output of every export (bills, usage, ledger), written by csv-stringify: RFC 4180
 * (CRLF line ends; a cell holding a comma, quote or line break is quoted, its quotes
 * doubled), UTF-8. Text cells go through `neutralizeFormula`; numbers as they are.
 * Money is passed as exact decimal strings (Decimal#toFixed), never as JS numbers.
 */
export type CsvCell = string | number | null | undefined;

const OPTIONS = {
  record_delimiter: 'windows',
  // csv-stringify quotes on the record delimiter (CRLF) only; a lone LF or CR must be quoted too.
  quoted_match: /[\r\n]/,
  cast: { string: (value: string) => neutralizeFormula(value) },
} as const;

/** BOM first: spreadsheet programs then read the UTF-8 (¥, •, Chinese names) correctly. */
export const CSV_BOM = '\uFEFF';

export function csvRows(rows: readonly (readonly CsvCell[])[]): string {
  if (rows.length === 0) return '';
  return stringify(rows as CsvCell[][], OPTIONS);
}

export function csvLine(cells: readonly CsvCell[]): string {
  return csvRows([cells]);
}

/**
 * A web stream of CSV from batches of rows (one database page or one day at a time), so a
 * long export is never held whole in memory.
 */
export function csvStream(batches: AsyncIterable<readonly (readonly CsvCell[])[]>, options: { bom?: boolean } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      try {
        let text = '';
        if (!started) {
          started = true;
          if (options.bom) text = CSV_BOM;
        }
        // Skip empty batches so that each pull enqueues something or closes.
        for (;;) {
          const { done, value } = await iterator.next();
          if (done) {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          text += csvRows(value);
          if (text) break;
        }
        controller.enqueue(encoder.encode(text));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}

/** Headers of a file download: private, not cached, named. */
export function downloadHeaders(contentType: string, fileName: string): HeadersInit {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'private, no-store',
  };
}
