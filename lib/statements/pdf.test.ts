import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { dec } from '@/lib/money/decimal';
import { statementPdf } from './pdf';
import type { Statement } from './statement';

async function pdfText(buf: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(buf), verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) text += (await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ');
  return text.replace(/\s+/g, ' ');
}

const statement = (name: string): Statement => ({
  account: { id: 'acc-1', name, email: 'billing@example.com', currency: 'CNY' },
  month: '2024-10',
  from: '2024-10-01',
  to: '2024-10-31',
  bills: [{ number: 'B000001', kind: 'daily', periodStart: '2024-10-08', periodEnd: '2024-10-08', issuedAt: new Date('2024-10-09T00:00:00+08:00'), amount: dec('1234.565'), total: dec('1234.57') }],
  billsTotal: dec('1234.57'),
  payments: [{ at: new Date('2024-10-01T09:00:00+08:00'), kind: 'top_up', kindLabel: 'Top-up', description: 'Top-up', descriptionKey: null, descriptionParams: null, reference: null, amount: dec('2000'), balanceAfter: dec('2000') }],
  paymentsTotal: dec('2000'),
  otherEntries: [],
  otherTotal: dec(0),
  opening: dec(0),
  closing: dec('765.43'),
});

const cjkFont = ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'].some((p) => fs.existsSync(p));

describe('statement PDF (@react-pdf/renderer)', () => {
  test('holds the account, the period, the bills total, the payments and the balances', async () => {
    const text = await pdfText(await statementPdf(statement('Acme Classrooms'), new Date('2024-11-01T00:00:00+08:00')));
    expect(text).toContain('Monthly statement 2024-10');
    expect(text).toContain('Acme Classrooms');
    expect(text).toMatch(/Total of the period ¥1,234\.57/);
    expect(text).toContain('Payments');
    expect(text).toContain('¥2,000.00');
    expect(text).toContain('¥765.43');
  }, 30_000);

  test.skipIf(!cjkFont)('a Chinese account name is drawn with the machine’s CJK font', async () => {
    const text = await pdfText(await statementPdf(statement('好视通客户'), new Date('2024-11-01T00:00:00+08:00')));
    expect(text).toContain('好视通客户');
  }, 30_000);

  test.skipIf(!cjkFont)('in Chinese (issue 14 item 4): Chinese labels drawn with the CJK font, the same figures', async () => {
    const st = statement('好视通客户');
    Object.assign(st.payments[0]!, { description: 'Top-up by card •••• 4242', descriptionKey: 'topUp', descriptionParams: { last4: '4242' } });
    const text = await pdfText(await statementPdf(st, new Date('2024-11-01T00:00:00+08:00'), 'zh'));
    expect(text).toContain('2024-10 月度对账单');
    expect(text).toContain('好视通客户');
    expect(text).toMatch(/本期合计 ¥1,234\.57/);
    expect(text).toContain('充值与退款');
    expect(text).toContain('银行卡充值 •••• 4242');
    expect(text).toContain('日结');
    expect(text).toContain('¥2,000.00');
    expect(text).toContain('¥765.43');
    expect(text).not.toContain('Monthly statement');
  }, 30_000);
});
