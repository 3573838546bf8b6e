import { useTranslations } from 'next-intl';
import type { RefundCheck } from '@/lib/refunds/rules';
import { refundCheckDetail, refundCheckLabel } from './refund-check-text';
import { cn } from '@/components/ui/cn';

/** Checks (a)–(d) of the five-day refund with their result (lifecycle.md, Five-day refund). */
export function RefundChecks({ checks, compact }: { checks: RefundCheck[]; compact?: boolean }) {
  const t = useTranslations('packages');
  return (
    <ul className={cn('space-y-1 text-sm', compact && 'text-xs')} data-testid="refund-checks">
      {checks.map((c) => (
        <li key={c.id} className="flex gap-2">
          <span aria-hidden="true" className={c.passed ? 'text-emerald-600' : 'text-rose-700'}>
            {c.passed ? '✓' : '✗'}
          </span>
          <span className={c.passed ? 'text-slate-700' : 'font-medium text-rose-700'}>
            <span className="sr-only">{c.passed ? t('refund.checks.passed') : t('refund.checks.failed')}</span>
            {refundCheckLabel(t, c)}
            {!compact || !c.passed ? <span className="block text-slate-500">{refundCheckDetail(t, c)}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
