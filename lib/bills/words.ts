import { formatQuantity } from '@/lib/money/format';
import type { Locale } from '@/lib/i18n/config';
import { translatorFor } from '@/lib/i18n/translator';
import type { LineExplanationView, BillStatus } from './present';
import type { EntitlementFacts } from './queries';

/**
 * Bills in the reader's language (issue 14 item 4), at the display edge: lib/rating and
 * lib/settlement stay English-only and pure, and store English sentences and item names in
 * the bill lines. English output here is exactly what they stored (or what present.ts always
 * said); Chinese is built from the structured detail (item code, measured value, period,
 * deductions, price) with the `bills` catalogue. Where a stored sentence has no structured
 * twin (an old line without detail), the English sentence is shown as it is.
 */
type Kind = 'daily' | 'monthly' | 'adjustment';
type Detail = NonNullable<LineExplanationView['detail']>;

export const billsT = (locale: Locale) => translatorFor(locale, 'bills');

export function kindLabel(locale: Locale, kind: Kind): string {
  return billsT(locale)(`kind.${kind}`);
}

/** The lower-case kind the CSV/Excel lists carry ("daily"; 日结 in Chinese). */
export function kindWord(locale: Locale, kind: Kind): string {
  return billsT(locale)(`kindLower.${kind}`);
}

export function statusWords(locale: Locale, status: BillStatus): { label: string; hint: string } {
  const t = billsT(locale);
  return { label: t(`status.${status}.label`), hint: t(`status.${status}.hint`) };
}

/** present.ts totalRule in the reader's language (same English). */
export function totalRuleIn(locale: Locale, bill: { kind: Kind; adjustmentSeq?: number | null }): { label: string; note: string } {
  const t = billsT(locale);
  const adjustment = bill.kind === 'adjustment' || (bill.adjustmentSeq ?? 0) > 0;
  return adjustment
    ? { label: t('totalRule.adjustedLabel'), note: t('totalRule.adjustedNote', { period: bill.kind === 'monthly' ? 'month' : 'day' }) }
    : { label: t('totalRule.label'), note: t('totalRule.note') };
}

/** book-words.ts billingRhythm in the reader's language (same English). */
export function billingRhythmIn(locale: Locale, book: { rounding: { period: string }; monthly: object }): string {
  const t = billsT(locale);
  if (book.rounding.period === 'month') return t('rhythm.perMonth');
  return Object.keys(book.monthly).length > 0 ? t('rhythm.perDayMonthly') : t('rhythm.perDay');
}

const UNIT_KEY: Record<string, 'minute' | 'Mbps' | 'thousandImages' | 'thousandCalls'> = {
  minute: 'minute',
  Mbps: 'Mbps',
  'thousand images': 'thousandImages',
  'thousand calls': 'thousandCalls',
};

/** A price item's unit, short: "min" / 分钟. */
export function unitShort(locale: Locale, unit: string): string {
  const key = UNIT_KEY[unit];
  return key ? billsT(locale)(`units.${key}`) : unit;
}

export function measuredUnit(locale: Locale, unit: string): string {
  return unit === 'seconds' || unit === 'kbps' || unit === 'images' || unit === 'calls' ? billsT(locale)(`measured.${unit}`) : unit;
}

export function entitlementKindWord(locale: Locale, kind: string): string {
  return kind === 'free' || kind === 'package' || kind === 'trial' ? billsT(locale)(`entitlementKind.${kind}`) : kind;
}

/** "1,000 min" or "min" when per is 1. */
function perText(locale: Locale, per: number, unit: string): string {
  return per === 1 ? unit : billsT(locale)('perUnits', { per: formatQuantity(per, locale), unit });
}

/** present.ts priceSentence in the reader's language: `18 min × 8.99 USD / 1,000 min = 0.16182 USD`. */
export function priceSentenceIn(
  locale: Locale,
  line: { quantity: { toFixed(): string }; unit: string; unitPrice: { toFixed(): string }; per: number; amount: { toFixed(): string } },
  currency: string,
): string {
  const unit = unitShort(locale, line.unit);
  return billsT(locale)('price', { quantity: line.quantity.toFixed(), unit, unitPrice: line.unitPrice.toFixed(), currency, per: perText(locale, line.per, unit), amount: line.amount.toFixed() });
}

/** "{unitPrice} {currency} / 1,000 min" of the month estimate. */
export function unitPriceIn(locale: Locale, unitPrice: string, currency: string, per: number, unit: string): string {
  return billsT(locale)('estimate.unitPrice', { unitPrice, currency, per: perText(locale, per, unitShort(locale, unit)) });
}

const CJK = /[\u3400-\u9fff]/;
const TIERS = new Set(['audio', 'sd', 'hd', 'fhd', '2k', '4k']);
type Base = keyof (typeof import('@/lib/i18n/messages/en/bills.json'))['items']['base'];
const PREFIXES: [string, Base][] = [
  ['recording.single.', 'recordingSingle'],
  ['recording.mixed.', 'recordingMixed'],
  ['recording.', 'recording'],
  ['delivery.tencent.', 'deliveryTencent'],
  ['delivery.third-party.', 'deliveryThirdParty'],
  ['delivery.vod.', 'deliveryVod'],
  ['transcode.h264.', 'transcodeH264'],
  ['transcode.h265.', 'transcodeH265'],
  ['transcode.', 'transcode'],
];
const WHOLE: Record<string, Base> = {
  'relay.tencent': 'relayTencent',
  'relay.third-party': 'relayThirdParty',
  screenshot: 'screenshot',
  'slicing.audio': 'slicingAudio',
  'slicing.video': 'slicingVideo',
};

/**
 * A price item's name in the reader's language. English: the book's own name, unchanged. Chinese:
 * a name already in Chinese (seed 001's items) as it is, else built from the item code
 * (`recording.mixed.hd` → 混流录制，高清 HD); an unknown code keeps the book's name.
 */
export function itemName(locale: Locale, code: string, bookName: string): string {
  if (locale === 'en' || CJK.test(bookName)) return bookName;
  const t = billsT(locale);
  if (WHOLE[code]) return t(`items.base.${WHOLE[code]}`);
  if (code === 'audio') return t(bookName.startsWith('High-quality') ? 'items.base.audioOnly' : 'items.base.audio');
  let base: Base | undefined;
  let tier = code;
  if (TIERS.has(code)) base = 'video';
  else
    for (const [prefix, b] of PREFIXES)
      if (code.startsWith(prefix)) {
        base = b;
        tier = code.slice(prefix.length);
        break;
      }
  if (!base || !TIERS.has(tier)) return bookName;
  let tierWord = t(`items.tier.${tier as 'audio'}`);
  // seed 003's aggregate bounds: "Video duration, HD (aggregate <= 921,600 px)".
  const bound = bookName.match(/\(aggregate (<=|>) ([\d,]+) px\)/);
  if (bound) tierWord = t('items.aggregate', { tier: tierWord, op: bound[1] === '<=' ? '≤' : '>', px: bound[2]! });
  return t('items.withTier', { base: t(`items.base.${base}`), tier: tierWord });
}

/**
 * lib/rating's rounding rule in the reader's language, from the line's facts (English: the stored
 * sentence, which lib/rating wrote from the same facts). A line stored before facts were kept is
 * shown as written.
 */
export function roundingIn(locale: Locale, d: Detail): string {
  const f = d.roundingFacts;
  if (locale === 'en' || !f) return d.rounding;
  const t = billsT(locale);
  switch (f.rule) {
    case 'ceilSeconds':
      return t('explain.roundingSeconds', { seconds: formatQuantity(f.seconds, locale), period: f.period, zone: f.zone, minutes: formatQuantity(f.minutes, locale) });
    case 'peak':
      return f.freeMbps === null ? t('explain.roundingPeak', { peak: f.peakKbps, mbps: f.mbps }) : t('explain.roundingPeakFree', { peak: f.peakKbps, mbps: f.mbps, free: f.freeMbps, isFree: f.free ? 'yes' : 'no' });
    case 'count':
      return t('explain.roundingCount', {
        total: f.total,
        unitWord: t(f.unit === 'images' ? 'explain.countImages' : 'explain.countCalls'),
        free: f.free,
        excess: f.excess,
        ceil: f.ceil ? 'yes' : 'no',
        usage: f.usage,
      });
  }
}

/**
 * The "In words" sentences of a line. English: the stored steps. Chinese: the first step rebuilt
 * from the detail as lib/rating's explainDetail writes it, an adjustment's "re-rated" and
 * "reverses" steps from their facts (lib/settlement/bill-diff.ts); a step without facts as stored.
 */
export function stepsIn(locale: Locale, e: LineExplanationView, currency: string, itemUnit: string): string[] {
  if (locale === 'en') return e.steps;
  const t = billsT(locale);
  return e.steps.map((s, i) => {
    if (e.reverses) return t('explain.reverses', { period: e.reverses });
    if (i === 1 && e.detail && e.earlier) {
      const x = e.earlier;
      const which = x.lateRecords === null ? t('explain.lateUsage') : t('explain.lateRecords', { count: x.lateRecords, records: e.detail.records });
      return t('explain.rerated', { which, quantity: formatQuantity(e.detail.quantity, locale), unit: unitShort(locale, itemUnit), amount: e.detail.amount, currency, period: x.period, earlierQuantity: formatQuantity(x.quantity, locale), earlierAmount: x.amount });
    }
    if (i !== 0 || !e.detail) return s;
    const d = e.detail;
    const unit = unitShort(locale, itemUnit);
    const samples = d.sampleRecords.length ? `#${d.sampleRecords.join(', #')}${d.records > d.sampleRecords.length ? ', …' : ''}` : '';
    const records = samples ? t('explain.recordsWithSamples', { count: d.records, samples }) : t('explain.records', { count: d.records });
    let out = t('explain.head', { where: d.app === null ? t('explain.account') : t('explain.app', { app: String(d.app) }), records, rounding: roundingIn(locale, d) });
    for (const x of d.deductions)
      out = t('explain.join', {
        a: out,
        b: t('explain.deduction', { entitlement: x.entitlement, kind: entitlementKindWord(locale, x.kind), minutes: formatQuantity(x.minutes, locale), unit, ratio: x.ratio, entitlementMinutes: formatQuantity(x.entitlementMinutes, locale) }),
      });
    const price = t('price', { quantity: formatQuantity(d.quantity, locale), unit, unitPrice: d.unitPrice, currency, per: perText(locale, d.per, unit), amount: d.amount });
    return t('explain.join', { a: out, b: price });
  });
}

/** A price book's name in the reader's language (English: the book's own name). */
export function bookNameIn(locale: Locale, book: { id: string; name: string }): string {
  if (locale === 'en') return book.name;
  const key = book.id as 'trtc-2024-usd';
  const t = billsT(locale);
  return t.has(`books.${key}`) ? t(`books.${key}`) : book.name;
}

/**
 * An entitlement's name (lib/bills/queries.ts entitlementNames) in the reader's language, from
 * its facts: "Free minutes (2024-10-01 – 2024-10-31)" / 免费时长（…）, "RTC-Engine lite package
 * (…)" / RTC-Engine lite 套餐包（…）. Product names stay as they are.
 */
export function entitlementNameIn(locale: Locale, e: EntitlementFacts): string {
  const t = billsT(locale);
  if (e.kind === 'free') return t('entitlementNames.free', { period: `${e.validFrom} – ${e.validTo}` });
  const name = `${e.product === 'rtc-engine' ? 'RTC-Engine' : e.product.charAt(0).toUpperCase() + e.product.slice(1)} ${e.edition}`;
  return e.validFrom ? t('entitlementNames.package', { name, period: `${e.validFrom} – ${e.validTo}` }) : t('entitlementNames.packageQueued', { name });
}

/** The account's monthly free minutes (lib/usage/queries.ts listEntitlementUsage) in the reader's language. */
export const monthlyFreeMinutesName = (locale: Locale) => billsT(locale)('entitlementNames.monthlyFree');

/** A map of entitlement names, each in the reader's language. */
export function entitlementNamesIn(locale: Locale, facts: ReadonlyMap<string, EntitlementFacts>): Map<string, string> {
  return new Map([...facts].map(([id, e]) => [id, entitlementNameIn(locale, e)]));
}
