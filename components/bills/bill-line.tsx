import { useLocale, useTranslations } from 'next-intl';
import type { LineExplanationView } from '@/lib/bills/present';
import { entitlementKindWord, itemName, measuredUnit, priceSentenceIn, roundingIn, stepsIn, unitShort } from '@/lib/bills/words';
import { INTL_LOCALE } from '@/lib/i18n/config';
import { formatQuantity } from '@/lib/money/format';
import type { Decimal } from '@/lib/money/decimal';

type Line = { id: number; item: string; description: string; quantity: Decimal; unit: string; unitPrice: Decimal; per: number; amount: Decimal };


/**
 * One bill line that expands (<details>) to its explanation: the records, what was
 * measured, the rounding, the deductions (entitlement, ratio), the price and the seed rule.
 */
export function BillLine({
  line,
  explanation,
  currency,
  samples,
  entitlementNames,
}: {
  line: Line;
  explanation: LineExplanationView;
  currency: string;
  samples: ReadonlyMap<number, unknown>;
  entitlementNames: ReadonlyMap<string, string>;
}) {
  const t = useTranslations('bills.line');
  const locale = useLocale();
  const d = explanation.detail;
  const unit = unitShort(locale, line.unit);
  const priceSentence = priceSentenceIn(locale, line, currency);
  const sampleRecords = (d?.sampleRecords ?? []).filter((id) => samples.has(id));
  return (
    <details className="group border-t border-slate-100 first:border-t-0" data-testid="bill-line" data-item={line.item}>
      <summary className="grid cursor-pointer grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1 px-5 py-3 hover:bg-slate-50 sm:grid-cols-[minmax(0,1fr)_9rem_11rem_8rem]">
        <span className="flex items-center gap-2">
          <svg viewBox="0 0 20 20" className="size-4 shrink-0 text-slate-400 transition-transform group-open:rotate-90" aria-hidden="true">
            <path d="M7 5l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>
            <span className="font-medium text-slate-900">{itemName(locale, line.item, line.description)}</span>
            <span className="ml-2 font-mono text-xs text-slate-500">{line.item}</span>
          </span>
        </span>
        <span className="text-right tabular-nums text-slate-700" title={`${line.quantity.toFixed()} ${unit}`}>
          {shortQuantity(line.quantity, locale)} {unit}
        </span>
        <span className="hidden text-right tabular-nums text-slate-500 sm:block">
          {line.unitPrice.toFixed()} / {line.per === 1 ? unit : `${line.per.toLocaleString(INTL_LOCALE[locale])} ${unit}`}
        </span>
        <span className="text-right font-semibold tabular-nums text-slate-900" data-testid="line-amount">
          {line.amount.toFixed()}
        </span>
      </summary>
      <div className="space-y-4 bg-slate-50/70 px-5 pb-5 pt-2 text-sm text-slate-700 sm:pl-11" data-testid="line-explanation">
        {d ? (
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[11rem_1fr]">
            <dt className="font-medium text-slate-500">{t('records')}</dt>
            <dd>
              {t('recordsValue', { count: d.records, app: d.app === null ? 'account' : String(d.app), periodKind: d.periodKind, period: d.period })}
              {d.sampleRecords.length > 0 && (
                <span className="text-slate-500">
                  {' '}
                  {t('samples', { list: `#${d.sampleRecords.join(', #')}${d.records > d.sampleRecords.length ? ', …' : ''}` })}
                </span>
              )}
            </dd>
            {d.measured && (
              <>
                <dt className="font-medium text-slate-500">{t('measured')}</dt>
                <dd className="tabular-nums">
                  {formatQuantity(d.measured.value, locale)} {measuredUnit(locale, d.measured.unit)}
                </dd>
              </>
            )}
            <dt className="font-medium text-slate-500">{t('rounding')}</dt>
            <dd>{roundingIn(locale, d) || '—'}</dd>
            <dt className="font-medium text-slate-500">{t('usageBefore')}</dt>
            <dd className="tabular-nums">
              {formatQuantity(d.usage, locale)} {unit}
            </dd>
            <dt className="font-medium text-slate-500">{t('deductions')}</dt>
            <dd>
              {d.deductions.length === 0 ? (
                <span className="text-slate-500">{t('noDeductions')}</span>
              ) : (
                <table className="text-sm" data-testid="line-deductions">
                  <thead>
                    <tr className="text-left text-slate-500">
                      <th className="pr-4 font-medium">{t('entitlement')}</th>
                      <th className="pr-4 text-right font-medium">{t('usageCovered')}</th>
                      <th className="pr-4 text-right font-medium">{t('ratio')}</th>
                      <th className="text-right font-medium">{t('entitlementMinutes')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.deductions.map((x, i) => (
                      <tr key={i}>
                        <td className="pr-4">
                          {entitlementNames.get(x.entitlement) ?? x.entitlement} <span className="text-slate-500">({entitlementKindWord(locale, x.kind)})</span>
                        </td>
                        <td className="pr-4 text-right tabular-nums">{formatQuantity(x.minutes, locale)} {unit}</td>
                        <td className="pr-4 text-right tabular-nums">1:{x.ratio}</td>
                        <td className="text-right tabular-nums">{formatQuantity(x.entitlementMinutes, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </dd>
            <dt className="font-medium text-slate-500">{t('billedQuantity')}</dt>
            <dd className="tabular-nums">
              {formatQuantity(line.quantity, locale)} {unit}
              {explanation.rerated && (
                <span className="text-slate-500">
                  {' '}
                  {t('rerated', { quantity: formatQuantity(explanation.rerated.quantity, locale), unit, amount: explanation.rerated.amount, currency })}
                </span>
              )}
            </dd>
            <dt className="font-medium text-slate-500">{t('price')}</dt>
            <dd className="tabular-nums" data-testid="line-price">{priceSentence}</dd>
            <dt className="font-medium text-slate-500">{t('rule')}</dt>
            <dd>{d.source ? t('seed', { source: d.source }) : '—'}</dd>
          </dl>
        ) : (
          <p className="tabular-nums">{priceSentence}</p>
        )}
        {explanation.steps.length > 0 && (
          <div>
            <p className="font-medium text-slate-500">{t('inWords')}</p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {stepsIn(locale, explanation, currency, line.unit).map((s, i) => (
                <li key={i}>{withNames(s, entitlementNames)}</li>
              ))}
            </ul>
          </div>
        )}
        {sampleRecords.length > 0 && (
          <details className="rounded-md bg-white ring-1 ring-slate-200">
            <summary className="cursor-pointer px-3 py-2 text-xs font-medium text-slate-600">{t('sampleRecords', { count: sampleRecords.length })}</summary>
            <pre className="max-h-64 overflow-auto px-3 pb-3 text-xs leading-relaxed text-slate-700">
              {sampleRecords.map((id) => `#${id} ${JSON.stringify(samples.get(id))}`).join('\n')}
            </pre>
          </details>
        )}
      </div>
    </details>
  );
}

/** Whole or up to 3 decimals for the summary row ("≈" when cut); the explanation keeps the exact figure. */
function shortQuantity(q: Decimal, locale: 'en' | 'zh'): string {
  const cut = q.toDecimalPlaces(3);
  return `${cut.equals(q) ? '' : '≈ '}${formatQuantity(cut, locale)}`;
}

/** lib/rating's sentences name entitlements by id; show their names. */
function withNames(sentence: string, names: ReadonlyMap<string, string>): string {
  let out = sentence;
  for (const [id, name] of names) if (out.includes(id)) out = out.split(id).join(name);
  return out;
}
