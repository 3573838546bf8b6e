import type { ReactNode } from 'react';
import { cn } from './cn';

export type BannerTone = 'info' | 'warning' | 'danger' | 'success';
const TONES: Record<BannerTone, string> = {
  info: 'bg-sky-50 text-sky-900 ring-sky-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  danger: 'bg-rose-50 text-rose-900 ring-rose-200',
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
};

export function Banner({ tone = 'info', title, children, action, testId }: { tone?: BannerTone; title: string; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div role={tone === 'danger' || tone === 'warning' ? 'alert' : 'status'} data-testid={testId} className={cn('flex flex-wrap items-center justify-between gap-3 rounded-lg px-4 py-3 ring-1 ring-inset', TONES[tone])}>
      <div>
        <p className="text-sm font-semibold">{title}</p>
        {children && <div className="mt-0.5 text-sm opacity-90">{children}</div>}
      </div>
      {action}
    </div>
  );
}
