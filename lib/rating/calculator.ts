import { dec, quantize, sum, toPlain } from '@/lib/money/decimal';
import { getPriceBook } from './books';
import { compareItemsForDeduction, listAmount } from './compiled-book';
import { deductMinutes, prepareEntitlements } from './entitlements';
import { findCatalogPackage } from './packages';
import type { Currency, EntitlementKind, PriceItem } from './types';

export type CalculatorPackage =
  | { catalogId: string }
  | { minutes: number | string; price?: string; kind?: EntitlementKind; name?: string };

export type CalculatorInput = {
  bookId: string;
  /** Expected usage per item (minutes for durations, Mbps, thousands), e.g. `{ hd: 60000 }`. */
  minutesByItem: Readonly<Record<string, number | string>>;
  package?: CalculatorPackage;
  /** For `free` packages: decides the ratio table (see entitlements.ts). */
  registeredAt?: string;
};

export type CalculatorItem = {
  item: string;
  name: string;
  unit: PriceItem['unit'];
  quantity: string;
  unitPrice: string;
  per: number;
  /** At list price, no package. */
  cost: string;
  /** Usage the package covers, the package minutes it takes, and what is left to pay. */
  covered: string;
  packageMinutes: string;
  costWithPackage: string;
};

export type CalculatorResult = {
  bookId: string;
  currency: Currency;
  items: CalculatorItem[];
  /** Exact sum, and half-up to 2 decimals, without a package. */
  amount: string;
  total: string;
  withPackage: null | {
    name: string;
    packageMinutes: string;
    packageMinutesUsed: string;
    packagePrice: string;
    /** Pay-as-you-go left after the package, and that plus the package price. */
    usageAmount: string;
    total: string;
  };
};

/**
 * The price calculator: expected quantities per item in, cost per item and total out,
 * with and without a package (covered in the deduction order of rating.md section 4).
 */
export function calculatePrice(input: CalculatorInput): CalculatorResult {
  const book = getPriceBook(input.bookId);
  const items = Object.entries(input.minutesByItem).map(([code, q]) => {
    const item = book.items.find((i) => i.code === code);
    if (!item) throw new Error(`minutesByItem.${code}: price book ${book.id} has no item ${code}`);
    const quantity = dec(q);
    if (quantity.isNegative() || !quantity.isFinite()) throw new Error(`minutesByItem.${code}: expected a non-negative quantity`);
    return { item, quantity };
  });
  items.sort((a, b) => compareItemsForDeduction(a.item.code, b.item.code));

  let pkg: { name: string; minutes: string; price: string; kind: EntitlementKind } | null = null;
  if (input.package && 'catalogId' in input.package) {
    const c = findCatalogPackage(input.package.catalogId);
    if (!c) throw new Error(`package.catalogId: unknown package ${input.package.catalogId}`);
    if (c.currency !== book.currency) throw new Error(`package.catalogId: ${c.id} is sold in ${c.currency}, book ${book.id} bills in ${book.currency}`);
    pkg = { name: `${c.product} ${c.edition}`, minutes: String(c.packageMinutes ?? 0), price: c.price, kind: c.entitlementKind ?? 'package' };
  } else if (input.package) {
    pkg = { name: input.package.name ?? 'package', minutes: String(input.package.minutes), price: input.package.price ?? '0', kind: input.package.kind ?? 'package' };
  }
  const states = pkg
    ? prepareEntitlements(book, [{ id: 'package', kind: pkg.kind, minutes: pkg.minutes, validFrom: '0000-01-01', validTo: '9999-12-31' }],
        input.registeredAt ? { registeredAt: input.registeredAt } : undefined)
    : [];

  const rows = items.map(({ item, quantity }) => {
    const cost = listAmount(item, quantity);
    const shares = states.length ? deductMinutes(states, { item: item.code, date: null, app: null }, quantity) : [];
    const covered = sum(shares.map((s) => s.minutes));
    const packageMinutes = sum(shares.map((s) => s.entitlementMinutes));
    const costWithPackage = listAmount(item, quantity.minus(covered));
    return { item, quantity, cost, covered, packageMinutes, costWithPackage };
  });

  const amount = sum(rows.map((r) => r.cost));
  const usageAmount = sum(rows.map((r) => r.costWithPackage));
  return {
    bookId: book.id,
    currency: book.currency,
    items: rows.map((r) => ({
      item: r.item.code,
      name: r.item.name,
      unit: r.item.unit,
      quantity: toPlain(r.quantity),
      unitPrice: r.item.unitPrice,
      per: r.item.per,
      cost: toPlain(r.cost),
      covered: toPlain(r.covered),
      packageMinutes: toPlain(r.packageMinutes),
      costWithPackage: toPlain(r.costWithPackage),
    })),
    amount: toPlain(amount),
    total: quantize(amount).toFixed(2),
    withPackage: pkg && {
      name: pkg.name,
      packageMinutes: toPlain(dec(pkg.minutes)),
      packageMinutesUsed: toPlain(sum(rows.map((r) => r.packageMinutes))),
      packagePrice: pkg.price,
      usageAmount: toPlain(usageAmount),
      total: quantize(usageAmount.plus(pkg.price)).toFixed(2),
    },
  };
}

