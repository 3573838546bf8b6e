import { describe, expect, test } from 'vitest';
import { UNIVERSAL_CUSTOM_CODE } from '@/lib/packages/custom-size';
import { describeLedgerEntry, ledgerDescriptionIn, ledgerDescriptionText, type LedgerDescription } from './description';

const pkg = { catalogCode: 'rtc-engine.lite', minutes: '0', app: 'Class A', sdkAppId: '1400000001' };

/** Each key with the English sentence the console wrote before keys were stored (word for word, but for the
 * queued universal package: it said "Universal package package"). */
const CASES: [LedgerDescription, string][] = [
  [{ key: 'topUp', params: { last4: '4242' } }, 'Top-up by card •••• 4242'],
  [{ key: 'daily', params: { period: '2024-10-08', number: 'B000012' } }, 'Pay-as-you-go usage of 2024-10-08 (bill B000012)'],
  [{ key: 'late', params: { period: '2024-10-08', number: 'B000013' } }, 'Late usage of 2024-10-08 (adjustment bill B000013)'],
  [{ key: 'monthUsage', params: { period: '2024-10', number: 'B000014' } }, 'Usage of 2024-10 (bill B000014)'],
  [{ key: 'monthItems', params: { period: '2024-10', number: 'B000015' } }, 'Monthly items of 2024-10 (bill B000015)'],
  [{ key: 'adminAdjustment', params: { reason: 'Goodwill credit for the outage' } }, 'Adjustment by an administrator: Goodwill credit for the outage'],
  [{ key: 'packagePurchase', params: { ...pkg, validFrom: '2024-10-08', validTo: '2024-11-07' } }, 'RTC-Engine Lite for Class A (SDKAppID 1400000001), 2024-10-08 to 2024-11-07'],
  [{ key: 'packageQueued', params: { ...pkg, product: 'rtc-engine' } }, 'RTC-Engine Lite for Class A (SDKAppID 1400000001), queued behind the current RTC-Engine package'],
  [{ key: 'packageQueued', params: { ...pkg, catalogCode: UNIVERSAL_CUSTOM_CODE, minutes: '30000000', product: 'universal' } }, 'Universal 30,000 thousand minutes (custom) for Class A (SDKAppID 1400000001), queued behind the current Universal package'],
  [{ key: 'autoRenewal', params: { ...pkg, validFrom: '2024-11-08', validTo: '2024-12-07' } }, 'Auto-renewal: RTC-Engine Lite for Class A (SDKAppID 1400000001), 2024-11-08 to 2024-12-07'],
  [{ key: 'autoRenewal', params: { ...pkg, app: null, validFrom: '2024-11-08', validTo: '2024-12-07' } }, 'Auto-renewal: RTC-Engine Lite for SDKAppID 1400000001, 2024-11-08 to 2024-12-07'],
  [{ key: 'refund', params: pkg }, 'Five-day refund: RTC-Engine Lite for Class A (SDKAppID 1400000001)'],
  [{ key: 'openingBalance', params: {} }, 'Opening balance of a test customer'],
  [{ key: 'note', params: { text: 'bench top-up' } }, 'bench top-up'],
];

describe('ledger descriptions as a key and values (issue 14 item 4)', () => {
  test.each(CASES)('%j in English is the sentence stored before', (d, english) => {
    expect(ledgerDescriptionText(d)).toBe(english);
    expect(ledgerDescriptionIn('en', { description: english, descriptionKey: d.key, descriptionParams: d.params })).toBe(english);
  });

  test.each(CASES.filter(([d]) => d.key !== 'note'))('%j in Chinese: Chinese words around the same facts', (d) => {
    const zh = describeLedgerEntry('zh', d);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    // The facts (bill numbers, days, names, reasons) come through as they are; nothing else is English.
    const facts = Object.entries(d.params).filter(([k, v]) => typeof v === 'string' && !['catalogCode', 'minutes', 'product'].includes(k)).map(([, v]) => v as string);
    let rest = zh;
    for (const v of facts) {
      expect(zh).toContain(v);
      rest = rest.replaceAll(v, '');
    }
    expect(rest).not.toMatch(/\b(for|of|usage|bill|queued|by card|refund|renewal|administrator|package)\b/i);
  });

  test('the stored row renders from its key, not from its English text', () => {
    const d: LedgerDescription = { key: 'daily', params: { period: '2024-10-08', number: 'B000012' } };
    expect(ledgerDescriptionIn('zh', { description: 'anything stored', descriptionKey: d.key, descriptionParams: d.params })).toBe(describeLedgerEntry('zh', d));
    expect(describeLedgerEntry('zh', d)).toBe('2024-10-08 后付费用量（账单 B000012）');
  });

  test('an entry without a known key is shown as written, in every language', () => {
    expect(ledgerDescriptionIn('zh', { description: 'Opening balance (migrated)', descriptionKey: null, descriptionParams: null })).toBe('Opening balance (migrated)');
    expect(ledgerDescriptionIn('zh', { description: 'As written', descriptionKey: 'somethingElse', descriptionParams: {} })).toBe('As written');
    expect(ledgerDescriptionIn('zh', { description: 'As written', descriptionKey: 'daily', descriptionParams: null })).toBe('As written');
  });
});
