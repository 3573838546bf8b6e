import { describe, expect, it } from 'vitest';
import { translatorFor } from '@/lib/i18n/translator';
import { formatLocalDateTime } from '@/lib/time/format';
import { describeReclamation, type ReclamationSummary } from './reclaimed';

/** The balance page's sentence (balance.reclaimed.removed), as app/(console)/balance/page.tsx fills it. */
function pageSentence(locale: 'en' | 'zh', r: ReclamationSummary): string {
  const t = translatorFor(locale, 'balance');
  return t('reclaimed.removed', {
    hasWhen: r.reclaimedAt ? 'yes' : 'no',
    when: r.reclaimedAt ? formatLocalDateTime(r.reclaimedAt) : '',
    apps: r.applications.length === 0 ? t('reclaimed.removedAppsUnknown') : t('reclaimed.removedApps', { count: r.applications.length, ids: r.applications.join(', ') }),
    records: r.usageRecords === null ? t('reclaimed.removedRecordsUnknown') : t('reclaimed.removedRecords', { count: r.usageRecords }),
    pkgs: r.packages === null ? t('reclaimed.removedPackagesUnknown') : t('reclaimed.removedPackages', { count: r.packages }),
  });
}

const CASES: ReclamationSummary[] = [
  { reclaimedAt: new Date('2024-12-01T16:00:00Z'), applications: [1400000123], usageRecords: 42, packages: 1 },
  { reclaimedAt: null, applications: [], usageRecords: null, packages: null },
  { reclaimedAt: new Date('2024-12-01T16:00:00Z'), applications: [1400000001, 1400000002], usageRecords: 1, packages: 12345 },
];

describe('what reclamation removed, in the page language (issue 14 item 4)', () => {
  it.each(CASES)('English is word for word describeReclamation (%#)', (r) => {
    expect(pageSentence('en', r)).toBe(describeReclamation(r));
  });
  it('Chinese uses the seed term 资源回收 and keeps the figures', () => {
    const zh = pageSentence('zh', CASES[0]!);
    expect(zh).toBe('此账号已于 2024-12-02 00:00（UTC+8）完成资源回收：1 个应用（SDKAppID 1400000123）及其密钥和配置、42 条用量记录、1 个套餐包已被永久删除，因此大于零的余额也无法使用。账单和流水仍可查看。');
  });
});
