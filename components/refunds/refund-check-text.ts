import type { RefundCheck } from '@/lib/refunds/rules';
import type { PackagesT } from '@/lib/packages/names';

type Loose = { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };

/**
 * A five-day refund check (lib/refunds/rules.ts refundEligibility) in the page's language:
 * `packages.refund.checks.<id>.label` and `.<variant>`; English is the check's own text word for
 * word. Checks stored before they carried a variant show their English detail.
 */
export function refundCheckLabel(t: PackagesT, check: Pick<RefundCheck, 'id' | 'label'>): string {
  const tt = t as unknown as Loose;
  const key = `refund.checks.${check.id}.label`;
  return tt.has(key) ? tt(key) : check.label;
}

export function refundCheckDetail(t: PackagesT, check: Pick<RefundCheck, 'id' | 'detail' | 'variant' | 'values'>): string {
  const tt = t as unknown as Loose;
  const key = `refund.checks.${check.id}.${check.variant ?? ''}`;
  return check.variant && tt.has(key) ? tt(key, check.values ?? {}) : check.detail;
}
