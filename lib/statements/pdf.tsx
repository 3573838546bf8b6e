import fs from 'node:fs';
import { Document, Font, Page, StyleSheet, Text, View, renderToBuffer } from '@react-pdf/renderer';
import { billPeriodLabel } from '@/lib/bills/present';
import { kindLabel } from '@/lib/bills/words';
import { INTL_LOCALE, type Locale } from '@/lib/i18n/config';
import { exportsT } from '@/lib/export/headers';
import { ledgerDescriptionIn, ledgerKindLabel } from '@/lib/ledger/words';
import { formatMoney } from '@/lib/money/format';
import type { Decimal } from '@/lib/money/decimal';
import { formatLocalDateTime } from '@/lib/time/format';
import type { Statement, StatementEntry } from './statement';

/**
 * The monthly statement as a PDF (@react-pdf/renderer): account, period, balance at the
 * start and end, bills, payments and the other balance changes of the month. Amounts are
 * the house's formatted money (half-up to 2 decimals, lib/money/format.ts).
 */
/**
 * Helvetica (built into every PDF reader) has no Chinese: account and application names in
 * Chinese are drawn with a CJK font of the machine when one is installed (Debian
 * fonts-wqy-zenhei or fonts-noto-cjk; PDF_CJK_FONT=path[#PostScriptName] names another),
 * as a fallback after Helvetica. Without one, such characters cannot be drawn.
 */
const CJK_CANDIDATES = [
  process.env.PDF_CJK_FONT ?? '',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#WenQuanYiZenHei',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#WenQuanYiMicroHei',
];
function registerCjkFont(): boolean {
  for (const candidate of CJK_CANDIDATES) {
    const [path, postscriptName] = candidate.split('#') as [string, string | undefined];
    if (!path || !fs.existsSync(path)) continue;
    Font.register({ family: 'CJK', src: path, ...(postscriptName ? { postscriptName } : {}) } as Parameters<typeof Font.register>[0]);
    return true;
  }
  return false;
}
const HAS_CJK = registerCjkFont();
const family = (latin: string) => (HAS_CJK ? [latin, 'CJK'] : latin) as unknown as string;

/**
 * Chinese statements set everything in the CJK font (its Latin glyphs included): with Helvetica
 * first and the CJK font as a fallback, mixed runs ("2024-10 月度对账单") were measured with one
 * font and drawn with the other, and overlapped. English keeps Helvetica.
 */
const makeStyles = (cjkOnly: boolean) => {
  const font = (latin: string) => (cjkOnly ? 'CJK' : family(latin));
  return StyleSheet.create({
    page: { padding: 36, fontSize: 9, fontFamily: font('Helvetica'), color: '#0f172a' },
    h1: { fontSize: 16, fontFamily: font('Helvetica-Bold'), marginBottom: 4 },
    h2: { fontSize: 11, fontFamily: font('Helvetica-Bold'), marginTop: 16, marginBottom: 6 },
    muted: { color: '#475569' },
    row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: '#e2e8f0', paddingVertical: 3 },
    head: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: '#94a3b8', paddingVertical: 3, fontFamily: font('Helvetica-Bold') },
    total: { flexDirection: 'row', paddingVertical: 4, fontFamily: font('Helvetica-Bold') },
    right: { textAlign: 'right' },
    summary: { flexDirection: 'row', marginTop: 12, gap: 8 },
    box: { flexGrow: 1, flexBasis: 0, borderWidth: 0.5, borderColor: '#cbd5e1', borderRadius: 3, padding: 8 },
    boxLabel: { color: '#475569', marginBottom: 3 },
    boxValue: { fontSize: 12, fontFamily: font('Helvetica-Bold') },
  });
};
const STYLES = { en: makeStyles(false), zh: makeStyles(HAS_CJK) };
type Styles = (typeof STYLES)['en'];

type Col = { title: string; width: number; right?: boolean };

function Table({ s, cols, rows, total }: { s: Styles; cols: Col[]; rows: string[][]; total?: string[] }) {
  return (
    <View>
      <View style={s.head} fixed>
        {cols.map((c) => (
          <Text key={c.title} style={[{ width: `${c.width}%` }, c.right ? s.right : {}]}>
            {c.title}
          </Text>
        ))}
      </View>
      {rows.map((r, i) => (
        <View key={i} style={s.row} wrap={false}>
          {r.map((cell, j) => (
            <Text key={j} style={[{ width: `${cols[j]?.width ?? 10}%` }, cols[j]?.right ? s.right : {}]}>
              {cell}
            </Text>
          ))}
        </View>
      ))}
      {total && (
        <View style={s.total}>
          {total.map((cell, j) => (
            <Text key={j} style={[{ width: `${cols[j]?.width ?? 10}%` }, cols[j]?.right ? s.right : {}]}>
              {cell}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

function entryRows(entries: readonly StatementEntry[], money: (d: Decimal) => string, locale: Locale): string[][] {
  return entries.map((e) => [formatLocalDateTime(e.at), locale === 'en' ? e.kindLabel : ledgerKindLabel(locale, e.kind), ledgerDescriptionIn(locale, e), money(e.amount), money(e.balanceAfter)]);
}

/** `locale` (issue 14 item 4): every label in the reader's language; Chinese is drawn with the CJK font above. */
export function StatementDocument({ st, issuedAt, locale = 'en' }: { st: Statement; issuedAt: Date; locale?: Locale }) {
  const t = exportsT(locale);
  const s = STYLES[locale];
  const money = (d: Decimal) => formatMoney(d, st.account.currency, locale);
  const entryCols: Col[] = [
    { title: t('statement.colTime'), width: 20 },
    { title: t('statement.colKind'), width: 15 },
    { title: t('statement.colDescription'), width: 35 },
    { title: t('statement.colAmount'), width: 15, right: true },
    { title: t('statement.colBalance'), width: 15, right: true },
  ];
  return (
    <Document title={t('statement.docTitle', { month: st.month, name: st.account.name })} author="TRTC billing console" subject={t('statement.subject', { month: st.month })} language={INTL_LOCALE[locale]}>
      <Page size="A4" style={s.page}>
        <Text style={s.h1}>{t('statement.title', { month: st.month })}</Text>
        <Text style={s.muted}>{t('statement.accountLine', { name: st.account.name, email: st.account.email, id: st.account.id })}</Text>
        <Text style={s.muted}>{t('statement.periodLine', { from: st.from, to: st.to, currency: st.account.currency, issued: formatLocalDateTime(issuedAt) })}</Text>

        <View style={s.summary}>
          <View style={s.box}>
            <Text style={s.boxLabel}>{t('statement.opening')}</Text>
            <Text style={s.boxValue}>{money(st.opening)}</Text>
          </View>
          <View style={s.box}>
            <Text style={s.boxLabel}>{t('statement.billsOfPeriod')}</Text>
            <Text style={s.boxValue}>{money(st.billsTotal)}</Text>
          </View>
          <View style={s.box}>
            <Text style={s.boxLabel}>{t('statement.payments')}</Text>
            <Text style={s.boxValue}>{money(st.paymentsTotal)}</Text>
          </View>
          <View style={s.box}>
            <Text style={s.boxLabel}>{t('statement.closing')}</Text>
            <Text style={s.boxValue}>{money(st.closing)}</Text>
          </View>
        </View>

        <Text style={s.h2}>{t('statement.bills', { count: st.bills.length })}</Text>
        {st.bills.length === 0 ? (
          <Text style={s.muted}>{t('statement.noBills', { month: st.month })}</Text>
        ) : (
          <Table
            s={s}
            cols={[
              { title: t('statement.colBill'), width: 18 },
              { title: t('statement.colKind'), width: 14 },
              { title: t('statement.colPeriod'), width: 22 },
              { title: t('statement.colIssued'), width: 22 },
              { title: t('statement.colTotal'), width: 24, right: true },
            ]}
            rows={st.bills.map((b) => [b.number, kindLabel(locale, b.kind), billPeriodLabel(b), formatLocalDateTime(b.issuedAt), money(b.total)])}
            total={[t('statement.totalOfPeriod'), '', '', '', money(st.billsTotal)]}
          />
        )}

        <Text style={s.h2}>{t('statement.paymentsTitle', { count: st.payments.length })}</Text>
        {st.payments.length === 0 ? (
          <Text style={s.muted}>{t('statement.noPayments', { month: st.month })}</Text>
        ) : (
          <Table s={s} cols={entryCols} rows={entryRows(st.payments, money, locale)} total={[t('statement.payments'), '', '', money(st.paymentsTotal), '']} />
        )}

        <Text style={s.h2}>{t('statement.otherTitle', { count: st.otherEntries.length })}</Text>
        {st.otherEntries.length === 0 ? (
          <Text style={s.muted}>{t('statement.none')}</Text>
        ) : (
          <Table s={s} cols={entryCols} rows={entryRows(st.otherEntries, money, locale)} total={[t('statement.otherChanges'), '', '', money(st.otherTotal), '']} />
        )}

        <Text style={[s.muted, { marginTop: 16 }]}>
          {t('statement.reconcile', { opening: money(st.opening), payments: money(st.paymentsTotal), other: money(st.otherTotal), closing: money(st.closing) })}
        </Text>
        <Text
          style={[s.muted, { position: 'absolute', bottom: 20, left: 36, right: 36, fontSize: 8 }]}
          render={({ pageNumber, totalPages }) => t('statement.footer', { name: st.account.name, month: st.month, page: pageNumber, pages: totalPages })}
          fixed
        />
      </Page>
    </Document>
  );
}

export async function statementPdf(st: Statement, issuedAt: Date, locale: Locale = 'en'): Promise<Buffer> {
  return renderToBuffer(<StatementDocument st={st} issuedAt={issuedAt} locale={locale} />);
}
