'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { Select, Input } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/components/ui/cn';

type Option = { value: string; label: string };

/**
 * Application, item and date-range filters of the usage page. They live in the URL
 * (shareable, server-rendered); navigation shows a pending state until the new
 * figures arrive.
 */
export function UsageFilters({
  apps,
  items,
  value,
  presets,
}: {
  apps: Option[];
  items: Option[];
  value: { app: string; item: string; from: string; to: string };
  presets: { label: string; from: string; to: string }[];
}) {
  const t = useTranslations('usage.filters');
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);

  const go = (next: { app: string; item: string; from: string; to: string }) => {
    if (!next.from || !next.to) return setError(t('needDates'));
    if (next.from > next.to) return setError(t('order'));
    setError(null);
    const params = new URLSearchParams();
    if (next.app) params.set('app', next.app);
    if (next.item) params.set('item', next.item);
    params.set('from', next.from);
    params.set('to', next.to);
    startTransition(() => router.push(`/usage?${params.toString()}`));
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    go({ app: String(fd.get('app') ?? ''), item: String(fd.get('item') ?? ''), from, to });
  };

  return (
    <form onSubmit={onSubmit} aria-busy={pending} className="space-y-3" data-testid="usage-filters">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1.2fr_1.2fr_1fr_1fr_auto] lg:items-end">
        <div className="space-y-1.5">
          <label htmlFor="app" className="block text-sm font-medium text-slate-800">{t('application')}</label>
          <Select name="app" defaultValue={value.app}>
            <option value="">{t('allApplications')}</option>
            {apps.map((a) => (
              <option key={a.value} value={a.value}>{a.label}</option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="item" className="block text-sm font-medium text-slate-800">{t('item')}</label>
          <Select name="item" defaultValue={value.item}>
            <option value="">{t('allItems')}</option>
            {items.map((i) => (
              <option key={i.value} value={i.value}>{i.label}</option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="from" className="block text-sm font-medium text-slate-800">{t('from')}</label>
          <Input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} invalid={!!error} />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="to" className="block text-sm font-medium text-slate-800">{t('to')}</label>
          <Input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} invalid={!!error} />
        </div>
        <button type="submit" className={buttonClass('primary')} disabled={pending}>
          {pending && <Spinner />}
          {pending ? t('loading') : t('show')}
        </button>
      </div>
      {error && (
        <p role="alert" id="from-error" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-500">{t('quickRanges')}</span>
        {presets.map((p) => {
          const active = p.from === value.from && p.to === value.to;
          return (
            <button
              key={p.label}
              type="button"
              disabled={pending}
              onClick={() => {
                setFrom(p.from);
                setTo(p.to);
                const form = document.querySelector<HTMLFormElement>('[data-testid="usage-filters"]');
                const fd = form ? new FormData(form) : null;
                go({ app: String(fd?.get('app') ?? value.app), item: String(fd?.get('item') ?? value.item), from: p.from, to: p.to });
              }}
              className={cn('rounded-full px-3 py-1 ring-1 ring-inset', active ? 'bg-indigo-50 text-indigo-700 ring-indigo-200' : 'text-slate-700 ring-slate-200 hover:bg-slate-50')}
            >
              {p.label}
            </button>
          );
        })}
        {pending && <span className="inline-flex items-center gap-1 text-slate-500"><Spinner className="size-3.5" /> {t('updating')}</span>}
      </div>
    </form>
  );
}
