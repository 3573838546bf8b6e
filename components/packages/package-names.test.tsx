import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/lib/i18n/translator';
import { getPackageCatalog, listPriceBooks } from '@/lib/rating';
import { packageDisplayName, PRODUCT_CODES, PRODUCT_LABEL, UNIVERSAL_CUSTOM_CODE } from '@/lib/packages/catalog';
import { editionName as englishEditionName } from '@/components/applications/application-status-badge';
import { bookName, editionName, packageName, productName, type PackagesT } from '@/lib/packages/names';

const en = translatorFor('en', 'packages') as unknown as PackagesT;
const zh = translatorFor('zh', 'packages') as unknown as PackagesT;
const codes = [...getPackageCatalog('USD'), ...getPackageCatalog('CNY')].map((p) => p.id);

describe('package names by code (issue 14 item 4)', () => {
  it.each(codes)('%s: English is packageDisplayName word for word; Chinese is another message', (code) => {
    const pkg = { catalogCode: code, minutes: 0 };
    expect(packageName(en, pkg)).toBe(packageDisplayName(pkg));
    expect(packageName(zh, pkg)).not.toBe(packageDisplayName(pkg));
    expect(packageName(zh, pkg)).toMatch(/[\u4e00-\u9fff]/);
  });
  it('a custom universal package by its size, in both languages', () => {
    const pkg = { catalogCode: UNIVERSAL_CUSTOM_CODE, minutes: '30000000' };
    expect(packageName(en, pkg)).toBe(packageDisplayName(pkg));
    expect(packageName(en, pkg)).toBe('Universal 30,000 thousand minutes (custom)');
    expect(packageName(zh, pkg)).toBe('通用套餐包 30,000 千分钟（自定义）');
  });
  it('products, editions and books', () => {
    for (const p of PRODUCT_CODES) expect(productName(en, p)).toBe(PRODUCT_LABEL[p]);
    expect(productName(zh, 'universal')).toBe('通用套餐包');
    for (const e of ['free', 'starter', 'lite', 'standard', 'pro']) expect(editionName(en, e)).toBe(englishEditionName(e));
    expect(editionName(zh, 'standard')).toBe('RTC-Engine 标准版');
    for (const b of listPriceBooks()) expect(bookName(en, b)).toBe(b.name);
    expect(bookName(zh, { id: 'rtv-cny', name: 'x' })).toBe('实时语音（CNY）');
    // Unknown codes show as they are rather than a missing-message error.
    expect(packageName(zh, { catalogCode: 'gone.edition', minutes: 0 })).toBe('gone.edition');
  });
});
