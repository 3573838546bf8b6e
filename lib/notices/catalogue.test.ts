import { describe, expect, it } from 'vitest';
import { buildNotice } from './catalogue';

/** The catalogue in both languages (issue 14 item 4): the seeds' terms in Chinese, English unchanged. */
describe('notice catalogue in Chinese and English', () => {
  const arrears = { reason: 'arrears', suspendedAt: '2024-10-03T16:00:00.000Z', reclaimAt: '2024-12-02T16:00:00.000Z' } as const;

  it('suspension for arrears: 停服 and 资源回收 in Chinese; the English text as before', () => {
    const zh = buildNotice('account.suspended', arrears, 'zh');
    expect(zh.title).toBe('您的账号因欠费已停服');
    expect(zh.body).toContain('资源回收');
    expect(zh.body).toContain('2024-12-03 00:00（UTC+8）');
    expect(zh.body).toContain('套餐包');
    const en = buildNotice('account.suspended', arrears, 'en');
    expect(en.title).toBe('Your account is suspended for arrears');
    expect(en.body).toContain('(after 2024-12-03 00:00 (UTC+8))');
    expect(buildNotice('account.suspended', arrears)).toEqual(en);
  });

  it('reclamation warnings count days in both languages', () => {
    const facts = { currency: 'CNY', owed: '1234.5', suspendedAt: '2024-10-03T16:00:00.000Z', reclaimAt: '2024-12-02T16:00:00.000Z', daysLeft: 1 } as const;
    expect(buildNotice('account.reclamation_warning', facts, 'en').title).toBe("Your account's resources will be deleted in 1 day");
    expect(buildNotice('account.reclamation_warning', { ...facts, daysLeft: 7 }, 'en').title).toBe("Your account's resources will be deleted in 7 days");
    const zh = buildNotice('account.reclamation_warning', { ...facts, daysLeft: 7 }, 'zh');
    expect(zh.title).toBe('您账号的资源将在 7 天后被回收');
    expect(zh.body).toContain('¥1,234.50');
    expect(zh.body).toContain('资源回收');
  });

  it('reclamation counts what was deleted in words, one and many', () => {
    expect(buildNotice('account.reclaimed', { applications: 1, usageRecords: 1, packages: 0 }, 'en').body).toContain('1 application with their keys and configuration, 1 usage record and 0 packages were deleted');
    expect(buildNotice('account.reclaimed', { applications: 3, usageRecords: 12345, packages: 1 }, 'en').body).toContain('3 applications with their keys and configuration, 12,345 usage records and 1 package were deleted');
    expect(buildNotice('account.reclaimed', { applications: 3, usageRecords: 12345, packages: 1 }, 'zh').body).toContain('3 个应用及其密钥和配置、12,345 条用量记录和 1 个套餐包已被删除');
  });

  it('a package used up: 套餐包 in Chinese, quantities with separators', () => {
    const facts = { packageId: 'p', packageName: 'Lite', appLabel: 'Demo (SDKAppID 1400000001)', minutes: '100000', validTo: '2024-10-31', asOf: '2024-10-20T02:00:00.000Z' };
    const zh = buildNotice('package.used_up', facts, 'zh');
    expect(zh.title).toBe('Lite 已用完');
    expect(zh.body).toBe('截至 2024-10-20 10:00（UTC+8），Demo (SDKAppID 1400000001) 的 Lite 的 100,000 分钟已全部用完。该套餐包有效期至 2024-10-31，到期前超出的用量将按量计费。请再购买一个套餐包来抵扣。');
    expect(buildNotice('package.used_up', facts, 'en').body).toBe(
      'Lite for Demo (SDKAppID 1400000001) has used all its 100,000 minutes as of 2024-10-20 10:00 (UTC+8). Further usage is billed pay-as-you-go until it expires after 2024-10-31. Buy another package to cover it.',
    );
  });

  it('a monthly bill names the month in Chinese; an SDKAppID is never grouped', () => {
    const bill = buildNotice('bill.monthly', { billId: 'b1', billNumber: 'B000007', month: '2024-10', currency: 'CNY', total: '1234.5' }, 'zh');
    expect(bill).toEqual({ title: '您的 2024年10月账单已出', body: '账单 B000007（2024年10月）：¥1,234.50。', link: '/bills/b1' });
    const app = buildNotice('application.resumed', { sdkAppId: 1400000001, appName: 'Demo', why: 'a paid package is active' }, 'zh');
    expect(app.body).toBe('应用 1400000001 已恢复：已有生效中的付费套餐包。');
    expect(buildNotice('application.resumed', { sdkAppId: 1400000001, appName: 'Demo', why: 'a paid package is active' }, 'en').body).toBe('Application 1400000001 resumed: a paid package is active.');
  });

  it('an administrator adjustment: credited or debited, the reason as written', () => {
    expect(buildNotice('balance.adjusted', { currency: 'USD', amount: '-5', reason: 'Duplicate top-up' }, 'en').body).toBe('An administrator debited $5.00: Duplicate top-up');
    expect(buildNotice('balance.adjusted', { currency: 'CNY', amount: '5', reason: '补偿' }, 'zh').body).toBe('管理员增加了 ¥5.00：补偿');
  });
});
