'use client';

import { useActionState, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/actions/define-action';
import type { CalculatorAnswer } from '@/lib/calculator/compare';
import { buttonClass } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { bookName } from '@/lib/packages/names';
import { ComparisonResult } from './comparison-result';
import { useItemName } from './item-names';

export type BookOption = {
  id: string;
  name: string;
  currency: 'USD' | 'CNY';
  items: { code: string; name: string; unit: string; unitPrice: string; per: number; media: boolean }[];
  /** Duration rounding of the book: per application and day, or per month (seed 000). */
  roundingPeriod: 'day' | 'month';
};

type Action = (prev: ActionResult<CalculatorAnswer> | null, payload: FormData) => Promise<ActionResult<CalculatorAnswer>>;

/** Units of the books' items with a message (`calculator.units`); another unit shows as written. */
const UNIT_KEYS = { minute: 'minute', Mbps: 'mbps', 'thousand images': 'thousandImages', 'thousand calls': 'thousandCalls' } as const;
const unitKey = (unit: string) => (UNIT_KEYS as Record<string, (typeof UNIT_KEYS)[keyof typeof UNIT_KEYS]>)[unit];

/**
 * Price book, quantities per item, or last month's usage; the comparison comes back from
 * the server action. Pending and errors are shown on the button pressed and the fields.
 */
export function CalculatorForm({ books, defaultBookId, action }: { books: BookOption[]; defaultBookId: string; action: Action }) {
  const t = useTranslations('calculator');
  const tb = useTranslations('packages');
  const locale = useLocale();
  const itemName = useItemName();
  const unitLabel = (unit: string) => (unitKey(unit) ? t(`units.long.${unitKey(unit)!}`) : unit);
  const unitShort = (unit: string) => (unitKey(unit) ? t(`units.short.${unitKey(unit)!}`) : unit);
  const [state, formAction, pending] = useActionState(action, null);
  const [bookId, setBookId] = useState(defaultBookId);
  const [intent, setIntent] = useState<'calculate' | 'last-month'>('calculate');
  const book = books.find((b) => b.id === bookId) ?? books[0]!;
  const answer = state?.ok ? state.data : null;
  // Quantities the server answered with (last month's usage) refill the inputs.
  const filled = answer && answer.bookId === bookId ? answer.quantities : null;
  const values = state && !state.ok ? state.values : undefined;
  const valueOf = (code: string) => filled?.[code] ?? values?.[`q:${code}`] ?? '';
  const media = book.items.filter((i) => i.media);
  const others = book.items.filter((i) => !i.media);
  const inputKey = `${bookId}-${answer?.run ?? 0}`;

  const itemInput = (i: BookOption['items'][number]) => {
    const name = `q:${i.code}`;
    const errors = state && !state.ok ? state.fieldErrors?.[name] : undefined;
    return (
      <Field key={i.code} label={itemName(i)} name={name} errors={errors} hint={t('form.itemHint', { unitLabel: unitLabel(i.unit), unitPrice: i.unitPrice, currency: book.currency, per: i.per, unit: unitShort(i.unit) })}>
        <Input name={name} inputMode="decimal" placeholder="0" defaultValue={valueOf(i.code)} invalid={!!errors?.length} autoComplete="off" />
      </Field>
    );
  };

  return (
    <div className="space-y-6">
      <form action={formAction} className="space-y-5" data-testid="calculator-form" aria-busy={pending}>
        <div className="grid gap-4 sm:grid-cols-[minmax(0,28rem)_1fr] sm:items-end">
          <Field label={t('form.book')} name="bookId" errors={state && !state.ok ? state.fieldErrors?.bookId : undefined}>
            <Select name="bookId" value={bookId} onChange={(e) => setBookId(e.target.value)}>
              {books.map((b) => (
                <option key={b.id} value={b.id}>
                  {bookName(tb, b).includes(b.currency) ? bookName(tb, b) : t('form.bookOption', { name: bookName(tb, b), currency: b.currency })}
                </option>
              ))}
            </Select>
          </Field>
          <p className="text-sm text-slate-500">{t('form.explain', { period: book.roundingPeriod })}</p>
        </div>

        <div key={inputKey} className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{media.map(itemInput)}</div>
          {others.length > 0 && (
            <details className="rounded-md ring-1 ring-slate-200" open={others.some((i) => valueOf(i.code) !== '')}>
              <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-slate-700">{t('form.others', { name: others.length === 1 ? itemName(others[0]!) : t('form.othersName'), count: others.length })}</summary>
              <div className="grid gap-4 px-4 pb-4 pt-2 sm:grid-cols-2 lg:grid-cols-3">{others.map(itemInput)}</div>
            </details>
          )}
        </div>

        {state && !state.ok && <FormMessage state={state.fieldErrors ? { ...state, message: t('form.checkFields') } : state} />}
        {answer?.source === 'last-month' && (
          <p role="status" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 ring-1 ring-inset ring-sky-200">
            {t('form.filled', { month: answer.month ?? '', period: book.roundingPeriod })}
          </p>
        )}

        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="calculate" onClick={() => setIntent('calculate')} disabled={pending} className={buttonClass('primary')}>
            {pending && intent === 'calculate' && <Spinner />}
            {pending && intent === 'calculate' ? t('form.calculating') : t('form.compare')}
          </button>
          <button type="submit" name="intent" value="last-month" onClick={() => setIntent('last-month')} disabled={pending} className={buttonClass('secondary')}>
            {pending && intent === 'last-month' && <Spinner />}
            {pending && intent === 'last-month' ? t('form.readingLastMonth') : t('form.lastMonth')}
          </button>
        </div>
      </form>

      {answer && <ComparisonResult comparison={answer.comparison} locale={locale} />}
    </div>
  );
}
