import { formatQuantity } from '@/lib/money/format';
import type { LineDetail, LineExplanation, RatingResult } from './result-types';
import type { PriceBook, PriceItem } from './types';

const UNIT_WORD: Record<PriceItem['unit'], string> = {
  minute: 'min',
  Mbps: 'Mbps',
  'thousand images': 'thousand images',
  'thousand calls': 'thousand calls',
};

/** A price item's unit as the stored English explanations write it ("min"). */
export function unitWord(unit: PriceItem['unit']): string {
  return UNIT_WORD[unit];
}

function recordsPhrase(d: LineDetail): string {
  const n = d.records;
  const samples = d.sampleRecords;
  let text = n === 1 ? '1 record' : `${n} records`;
  if (samples.length) {
    text += ` (#${samples[0]}`;
    for (let i = 1; i < samples.length; i++) text += `, #${samples[i]}`;
    text += n > samples.length ? ', …)' : ')';
  }
  return text;
}

/** "min", or "1,000 min" for a price per 1,000 minutes: the same few per unit on every line. */
const perTexts = new Map<string, string>();
function perText(per: number, word: string): string {
  if (per === 1) return word;
  const key = `${per} ${word}`;
  let text = perTexts.get(key);
  if (text === undefined) perTexts.set(key, (text = `${formatQuantity(per)} ${word}`));
  return text;
}

/** One sentence for one detail line: records, rounding, deductions, price. */
export function explainDetail(d: LineDetail, currency: string, unit: PriceItem['unit']): string {
  const word = UNIT_WORD[unit];
  // Joined rather than concatenated: one flat string, which JSON.stringify (the bill line's jsonb) reads without flattening a rope.
  const parts = [d.app === null ? 'account: ' : `app ${d.app}: `, recordsPhrase(d), '; ', d.rounding];
  for (const x of d.deductions) {
    parts.push(`; ${x.entitlement} (${x.kind}) covers ${formatQuantity(x.minutes)} ${word} at 1:${x.ratio} = ${formatQuantity(x.entitlementMinutes)} entitlement minutes`);
  }
  parts.push('; ', formatQuantity(d.quantity), ' ', word, ' × ', d.unitPrice, ' ', currency, ' / ', perText(d.per, word), ' = ', d.amount, ' ', currency);
  return parts.join('');
}

/** "Why this amount" for every bill line of a result (the bill page and the CSV use these). */
export function explainLines(book: PriceBook, result: Pick<RatingResult, 'lines' | 'usage' | 'details' | 'currency'>): LineExplanation[] {
  const detailsByItem = new Map<string, LineDetail[]>();
  for (const d of result.details) {
    const list = detailsByItem.get(d.item);
    if (list) list.push(d);
    else detailsByItem.set(d.item, [d]);
  }
  return result.lines.map((line) => {
    const item = book.items.find((i) => i.code === line.item) as PriceItem;
    const details = detailsByItem.get(line.item) ?? [];
    return {
      item: line.item,
      name: item.name,
      unit: item.unit,
      unitPrice: line.unitPrice,
      per: line.per,
      source: item.source,
      usage: result.usage.find((u) => u.item === line.item)?.quantity ?? '0',
      quantity: line.quantity,
      amount: line.amount,
      records: details.reduce((n, d) => n + d.records, 0),
      steps: details.map((d) => explainDetail(d, result.currency, item.unit)),
    };
  });
}
