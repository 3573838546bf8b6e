import { formatRecordError, joinErrors, parseUsageRecordLine } from './parse-records';
import { createRater, RatingRecordError, type RaterOptions } from './rater';
import type { RatingResult } from './result-types';

/**
 * Call `onLine(line, lineNumber)` for every line of a stream of text chunks, holding
 * only the unfinished tail of the last chunk (never the whole input). Lines end with
 * \n; a trailing \r is dropped.
 */
export async function forEachLine(chunks: AsyncIterable<string>, onLine: (line: string, lineNumber: number) => void): Promise<number> {
  let tail = '';
  let n = 0;
  for await (const chunk of chunks) {
    const text = tail === '' ? chunk : tail + chunk;
    let from = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', from)) !== -1) {
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      onLine(text.slice(from, end), ++n);
      from = nl + 1;
    }
    tail = text.slice(from);
  }
  if (tail !== '') onLine(tail.endsWith('\r') ? tail.slice(0, -1) : tail, ++n);
  return n;
}

/**
 * Rate a JSON Lines stream of usage records (rating.md section 5, `--jsonl`). All or
 * nothing: any refused line makes the whole input an error naming line numbers.
 */
export async function rateJsonl(
  chunks: AsyncIterable<string>,
  options: RaterOptions,
): Promise<{ ok: true; result: RatingResult } | { ok: false; error: string }> {
  const rater = createRater({ explain: false, ...options });
  const errors: string[] = [];
  await forEachLine(chunks, (line, lineNumber) => {
    const parsed = parseUsageRecordLine(line, lineNumber);
    if (!parsed.ok) {
      for (const e of parsed.errors) errors.push(formatRecordError(e, 'line'));
      return;
    }
    if (parsed.record === null || errors.length) return;
    try {
      rater.add(parsed.record, lineNumber);
    } catch (e) {
      if (!(e instanceof RatingRecordError)) throw e;
      errors.push(formatRecordError({ index: lineNumber, field: e.field, message: e.reason }, 'line'));
    }
  });
  if (errors.length) return { ok: false, error: joinErrors(errors) };
  return { ok: true, result: rater.finish() };
}
