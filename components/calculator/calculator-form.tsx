'use client';

import { useActionState, useState } from 'react';
import type { ActionResult } from '@/lib/actions/define-action';
import type { CalculatorAnswer } from '@/lib/calculator/compare';
import { buttonClass } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { ComparisonResult } from './comparison-result';

export type BookOption = {
  id: string;
  name: string;
  currency: 'USD' | 'CNY';
  items: { code: string; name: string; unit: string; unitPrice: string; per: number; media: boolean }[];
  /** Duration rounding of the book: per application and day, or per month (seed 000). */
  roundingPeriod: 'day' | 'month';
};

type Action = (prev: ActionResult<CalculatorAnswer> | null, payload: FormData) => Promise<ActionResult<CalculatorAnswer>>;

const UNIT_LABEL: Record<string, string> = { minute: 'minutes', Mbps: 'peak Mbps', 'thousand images': 'thousand images (after the free 10,000)', 'thousand calls': 'thousand calls (after the free quota)' };

/**
 * Price book, quantities per item, or last month's usage; the comparison comes back from
 * the server action. Pending and errors are shown on the button pressed and the fields.
 */
export function CalculatorForm({ books, defaultBookId, action }: { books: BookOption[]; defaultBookId: string; action: Action }) {
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
      <Field key={i.code} label={i.name} name={name} errors={errors} hint={`${UNIT_LABEL[i.unit] ?? i.unit} · ${i.unitPrice} ${book.currency} per ${i.per === 1 ? '' : `${i.per.toLocaleString('en-US')} `}${i.unit === 'minute' ? 'min' : i.unit}`}>
        <Input name={name} inputMode="decimal" placeholder="0" defaultValue={valueOf(i.code)} invalid={!!errors?.length} autoComplete="off" />
      </Field>
    );
  };

  return (
    <div className="space-y-6">
      <form action={formAction} className="space-y-5" data-testid="calculator-form" aria-busy={pending}>
        <div className="grid gap-4 sm:grid-cols-[minmax(0,28rem)_1fr] sm:items-end">
          <Field label="Price book" name="bookId" errors={state && !state.ok ? state.fieldErrors?.bookId : undefined}>
            <Select name="bookId" value={bookId} onChange={(e) => setBookId(e.target.value)}>
              {books.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name.includes(`(${b.currency})`) ? b.name : `${b.name} (${b.currency})`}
                </option>
              ))}
            </Select>
          </Field>
          <p className="text-sm text-slate-500">Enter what you expect in a month. Minutes are billable minutes (seconds rounded up per application per {book.roundingPeriod}).</p>
        </div>

        <div key={inputKey} className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{media.map(itemInput)}</div>
          {others.length > 0 && (
            <details className="rounded-md ring-1 ring-slate-200" open={others.some((i) => valueOf(i.code) !== '')}>
              <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-slate-700">{others.length === 1 ? others[0]!.name : 'Recording, transcoding, delivery, relay and other items'} ({others.length})</summary>
              <div className="grid gap-4 px-4 pb-4 pt-2 sm:grid-cols-2 lg:grid-cols-3">{others.map(itemInput)}</div>
            </details>
          )}
        </div>

        {state && !state.ok && <FormMessage state={state.fieldErrors ? { ...state, message: 'Check the highlighted quantities.' } : state} />}
        {answer?.source === 'last-month' && (
          <p role="status" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 ring-1 ring-inset ring-sky-200">
            Filled in from your usage in {answer.month}: minutes rounded up per application per {book.roundingPeriod}, as bills count them before packages.
          </p>
        )}

        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="calculate" onClick={() => setIntent('calculate')} disabled={pending} className={buttonClass('primary')}>
            {pending && intent === 'calculate' && <Spinner />}
            {pending && intent === 'calculate' ? 'Calculating…' : 'Compare prices'}
          </button>
          <button type="submit" name="intent" value="last-month" onClick={() => setIntent('last-month')} disabled={pending} className={buttonClass('secondary')}>
            {pending && intent === 'last-month' && <Spinner />}
            {pending && intent === 'last-month' ? 'Reading last month…' : "Start from last month's usage"}
          </button>
        </div>
      </form>

      {answer && <ComparisonResult comparison={answer.comparison} />}
    </div>
  );
}
