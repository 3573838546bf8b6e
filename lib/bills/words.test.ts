import { describe, expect, test } from 'vitest';
import { listPriceBooks } from '@/lib/rating';
import { explainDetail } from '@/lib/rating/explain';
import { dec } from '@/lib/money/decimal';
import { billingRhythm } from './book-words';
import { BILL_STATUS_LABEL, billKindLabel, priceSentence, totalRule, type BillStatus, type LineExplanationView } from './present';
import { billingRhythmIn, entitlementNameIn, itemName, monthlyFreeMinutesName, kindLabel, priceSentenceIn, roundingIn, statusWords, stepsIn, totalRuleIn } from './words';

type Detail = NonNullable<LineExplanationView['detail']> & Parameters<typeof explainDetail>[0];
const detail: Detail = {
  item: 'hd',
  app: 1400000001,
  period: '2024-10-08',
  periodKind: 'day',
  records: 3,
  sampleRecords: [11, 12],
  measured: { value: '12345', unit: 'seconds' },
  rounding: '12,345 s on 2024-10-08 (Asia/Shanghai) → ceil → 206 min',
  roundingFacts: { rule: 'ceilSeconds', seconds: '12345', minutes: '206', periodKind: 'day', period: '2024-10-08', zone: 'Asia/Shanghai' },
  usage: '206',
  deductions: [{ entitlement: 'ent-1', kind: 'package', minutes: '100', entitlementMinutes: '400', ratio: '4' }],
  quantity: '106',
  unitPrice: '8.99',
  per: 1000,
  amount: '0.95294',
  source: '003',
};

describe('bill words (issue 14 item 4): English exactly as before, Chinese from the structured detail', () => {
  test('English output is identical to the English-only functions', () => {
    for (const k of ['daily', 'monthly', 'adjustment'] as const) expect(kindLabel('en', k)).toBe(billKindLabel(k));
    for (const s of Object.keys(BILL_STATUS_LABEL) as BillStatus[]) expect(statusWords('en', s)).toEqual({ label: BILL_STATUS_LABEL[s].label, hint: BILL_STATUS_LABEL[s].hint });
    for (const b of [{ kind: 'daily' as const }, { kind: 'adjustment' as const, adjustmentSeq: 1 }, { kind: 'monthly' as const, adjustmentSeq: 2 }]) expect(totalRuleIn('en', b)).toEqual(totalRule(b));
    for (const book of listPriceBooks()) {
      expect(billingRhythmIn('en', book)).toBe(billingRhythm(book));
      for (const item of book.items) expect(itemName('en', item.code, item.name)).toBe(item.name);
    }
    const line = { quantity: dec('18'), unit: 'minute', unitPrice: dec('8.99'), per: 1000, amount: dec('0.16182') };
    expect(priceSentenceIn('en', line, 'USD')).toBe(priceSentence(line, 'USD'));
    expect(priceSentenceIn('en', { ...line, unit: 'Mbps', per: 1 }, 'CNY')).toBe(priceSentence({ ...line, unit: 'Mbps', per: 1 }, 'CNY'));
    const steps = [explainDetail(detail, 'USD', 'minute')];
    expect(stepsIn('en', { steps, detail, usage: null, rerated: null }, 'USD', 'minute')).toEqual(steps);
    expect(roundingIn('en', detail)).toBe(detail.rounding);
  });

  test('every item of every book has a Chinese name', () => {
    for (const book of listPriceBooks())
      for (const item of book.items) {
        const zh = itemName('zh', item.code, item.name);
        expect(zh, `${book.id} ${item.code}`).toMatch(/[\u4e00-\u9fff]/);
        expect(zh, `${book.id} ${item.code}`).not.toMatch(/duration|recording|delivery|Relay|screenshot|slicing|aggregate/);
      }
    expect(itemName('zh', 'hd', 'Video duration, HD (aggregate <= 921,600 px)')).toBe('视频时长，高清 HD（聚合分辨率 ≤ 921,600 像素）');
    expect(itemName('zh', 'recording.mixed.fhd', 'Mixed-stream recording, FHD')).toBe('混流录制，超清 FHD');
    expect(itemName('zh', 'unknown.code', 'Some item')).toBe('Some item');
  });

  test('Chinese rounding, price and "in words" carry the same figures', () => {
    expect(roundingIn('zh', detail)).toBe('12,345 秒（2024-10-08，Asia/Shanghai）→ 向上取整 → 206 分钟');
    expect(roundingIn('zh', { ...detail, roundingFacts: { rule: 'peak', peakKbps: '2500', mbps: '2.5', freeMbps: '2', free: false } })).toBe(
      '月峰值 2500 kbps = 2.5 Mbps；不超过 2 Mbps 时免费，否则按整个峰值计费',
    );
    expect(roundingIn('zh', { ...detail, roundingFacts: { rule: 'count', total: '12500', unit: 'images', free: '10000', excess: '2500', ceil: true, usage: '3' } })).toBe('12500 张 - 免费 10000 = 2500 → 向上取整为 3 千');
    expect(roundingIn('zh', { ...detail, roundingFacts: { rule: 'peak', peakKbps: '1500', mbps: '1.5', freeMbps: null, free: false } })).toBe('月峰值 1500 kbps = 1.5 Mbps');
    // A line stored before facts were kept: as written.
    expect(roundingIn('zh', { ...detail, rounding: 'as stored then', roundingFacts: null })).toBe('as stored then');
    expect(priceSentenceIn('zh', { quantity: dec('18'), unit: 'minute', unitPrice: dec('8.99'), per: 1000, amount: dec('0.16182') }, 'USD')).toBe('18 分钟 × 8.99 USD / 1,000 分钟 = 0.16182 USD');
    const [step] = stepsIn('zh', { steps: [explainDetail(detail, 'USD', 'minute')], detail, usage: null, rerated: null }, 'USD', 'minute');
    expect(step).toBe(
      '应用 1400000001：3 条记录（#11, #12, …）；12,345 秒（2024-10-08，Asia/Shanghai）→ 向上取整 → 206 分钟；ent-1（套餐包）抵扣 100 分钟，按 1:4 折算 = 400 抵扣分钟；106 分钟 × 8.99 USD / 1,000 分钟 = 0.95294 USD',
    );
    expect(stepsIn('zh', { steps: ['Reverses an earlier line of this day that the re-rating no longer produces.'], detail: null, usage: null, rerated: null, reverses: 'day' }, 'USD', 'minute')).toEqual([
      '冲销当日此前的一行账单明细：重新计费后已不再产生该行。',
    ]);
    // A step stored without its facts stays as written.
    expect(stepsIn('zh', { steps: ['Reverses an earlier line of this day that the re-rating no longer produces.'], detail: null, usage: null, rerated: null }, 'USD', 'minute')).toEqual([
      'Reverses an earlier line of this day that the re-rating no longer produces.',
    ]);
  });

  test('an adjustment line\'s "re-rated" step: English as stored, Chinese from its facts with the same figures', () => {
    const e = { steps: ['first', 'Re-rated with 3 late records (of the 1,234 above): 106 to pay for 0.95294 USD in all; the day\'s earlier bills charged 100 for 0.899 USD; this adjustment is the difference.'], detail: { ...detail, records: 1234 }, usage: '6', rerated: null, earlier: { quantity: '100', amount: '0.899', period: 'day' as const, lateRecords: 3 } };
    expect(stepsIn('en', e, 'USD', 'minute')).toEqual(e.steps);
    const zh = stepsIn('zh', e, 'USD', 'minute')[1]!;
    expect(zh).toBe('含3 条延迟记录（上述 1,234 条中）重新计费：共应付 106 分钟，金额 0.95294 USD；该日此前的账单已扣 100 分钟，金额 0.899 USD；本调账按两者之差计费。');
    expect(stepsIn('zh', { ...e, earlier: { ...e.earlier, lateRecords: null, period: 'month' as const } }, 'USD', 'minute')[1]).toContain('含延迟上报的用量重新计费');
  });

  test('entitlement names: from their facts, Chinese words around the dates and the product; English as before', () => {
    const free = { kind: 'free', validFrom: '2024-10-01', validTo: '2024-10-31' } as const;
    const pkg = { kind: 'package', product: 'rtc-engine', edition: 'lite', validFrom: '2024-10-01', validTo: '2024-10-31' } as const;
    expect(entitlementNameIn('zh', free)).toBe('免费时长（2024-10-01 – 2024-10-31）');
    expect(entitlementNameIn('en', free)).toBe('Free minutes (2024-10-01 – 2024-10-31)');
    expect(entitlementNameIn('zh', pkg)).toBe('RTC-Engine lite 套餐包（2024-10-01 – 2024-10-31）');
    expect(entitlementNameIn('en', pkg)).toBe('RTC-Engine lite package (2024-10-01 – 2024-10-31)');
    expect(entitlementNameIn('en', { ...pkg, product: 'conference', edition: 'pro', validFrom: null, validTo: null })).toBe('Conference pro package');
    expect(entitlementNameIn('zh', { ...pkg, product: 'conference', edition: 'pro', validFrom: null, validTo: null })).toBe('Conference pro 套餐包');
    expect(monthlyFreeMinutesName('zh')).toBe('每月免费时长');
    expect(monthlyFreeMinutesName('en')).toBe('Monthly free minutes');
  });
});

describe('adjustment steps in English, from the messages (lib/settlement/bill-diff.ts)', () => {
  test('the sentences settlement stores, quantities with their unit', async () => {
    const { translatorFor } = await import('@/lib/i18n/translator');
    const t = translatorFor('en', 'bills');
    const which = t('explain.lateRecords', { count: 1234, records: 12345 });
    expect(which).toBe('1,234 late records (of the 12,345 above)');
    expect(t('explain.lateRecords', { count: 1, records: 1 })).toBe('1 late record (of the 1 above)');
    expect(t('explain.rerated', { which, quantity: '1,106', unit: 'min', amount: '0.95294', currency: 'USD', period: 'day', earlierQuantity: '100', earlierAmount: '0.899' })).toBe(
      "Re-rated with 1,234 late records (of the 12,345 above): 1,106 min to pay for 0.95294 USD in all; the day's earlier bills charged 100 min for 0.899 USD; this adjustment is the difference.",
    );
    expect(t('explain.reverses', { period: 'month' })).toBe('Reverses an earlier line of this month that the re-rating no longer produces.');
  });
});
