import { randomUUID } from 'node:crypto';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { listApplications } from '@/db/queries/applications';
import { listAccountPackages } from '@/db/queries/packages';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { getPriceBook, UNIVERSAL_TIERS } from '@/lib/rating';
import { PRODUCT_LABEL, purchasableCatalogForBook, type OfferedPackage } from '@/lib/packages/catalog';
import { canPay, insufficientBalanceMessage, purchaseEligibility, toFacts, validityFor, type PackageFacts } from '@/lib/packages/rules';
import { addDays, localDate } from '@/lib/time/local-date';
import { checkoutRefundNote } from '@/lib/refunds/rules';
import { PageHeader } from '@/components/ui/page-header';
import { Card, CardBody } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ButtonLink } from '@/components/ui/button';
import { PurchaseForm, type Availability, type OfferView } from '@/components/packages/purchase-form';
import { purchasePackageAction } from '../actions';

export const metadata = { title: 'Buy a package' };

export default async function BuyPackagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('customer', { area: 'service' });
  const sp = await searchParams;
  const [account, apps, accountPackages, now] = await Promise.all([
    getAccount(db, user.accountId),
    listApplications(db, user.accountId),
    listAccountPackages(db, user.accountId),
    accountNow(db, user.accountId),
  ]);
  if (!account) throw new Error('account missing for signed-in customer');
  if (apps.length === 0) {
    return (
      <>
        <PageHeader title="Buy a package" />
        <EmptyState title="Create an application first" description="A package is bound to one application (SDKAppID). Create one, then come back to buy its package." action={<ButtonLink href="/applications">Create an application</ButtonLink>} />
      </>
    );
  }
  const today = localDate(now);
  const offers = purchasableCatalogForBook(account.priceBookId);
  if (offers.length === 0) {
    return (
      <>
        <PageHeader title="Buy a package" />
        <EmptyState title="This price book has no packages" description={`Usage on the ${getPriceBook(account.priceBookId).name} price book is billed pay-as-you-go; there is nothing to buy.`} action={<ButtonLink href="/usage">See usage</ButtonLink>} />
      </>
    );
  }
  const facts = accountPackages.map((p) => ({ applicationId: p.applicationId, facts: toFacts(p) }));
  const ofApp = (applicationId: string) => facts.filter((p) => p.applicationId === applicationId).map((p) => p.facts);
  const ofProduct = new Map(offers.map((o) => [o.product, facts.filter((p) => p.facts.product === o.product).map((p) => p.facts)]));

  // Where each package would go for an application, or why it cannot be bought (pure rules).
  const availabilityOf = (app: (typeof apps)[number], appPackages: PackageFacts[], o: OfferedPackage): { ok: boolean; text: string } => {
    if (o.custom) return { ok: true, text: 'Active from today; stacks with your other universal packages.' };
    const d = purchaseEligibility({ accountCurrency: account.currency, offer: o, appPackages, accountPackages: ofProduct.get(o.product) ?? [] });
    if (!d.ok) return { ok: false, text: d.message };
    if (!canPay(account.balance, o.price)) return { ok: false, text: insufficientBalanceMessage(account.balance, o.price, account.currency, o.name) };
    if (d.placement === 'queued') {
      return { ok: true, text: `Queued: starts when the current ${PRODUCT_LABEL[o.product]} package ends (after ${d.behind?.validTo ?? 'its expiry'}), with its own month from that day.` };
    }
    return { ok: true, text: `Active from today for ${app.name}.` };
  };
  const availability: Availability = Object.fromEntries(
    apps.map((app) => {
      const appPackages = ofApp(app.id);
      return [app.id, Object.fromEntries(offers.map((o) => [o.catalogCode, availabilityOf(app, appPackages, o)]))];
    }),
  );

  const view = (o: OfferedPackage): OfferView => {
    const amount = formatMoney(o.price, account.currency);
    const v = validityFor(o, today);
    return {
      catalogCode: o.catalogCode,
      product: o.product,
      productLabel: PRODUCT_LABEL[o.product],
      name: o.name,
      price: o.price.toFixed(),
      amountLabel: amount,
      priceLabel: o.custom ? 'priced by size' : o.validity === 'monthly' ? `${amount} / month` : o.validity === 'trial' ? 'free' : amount,
      minutesLabel: o.custom
        ? 'X thousand minutes at the tier unit price'
        : o.minutes
          ? `${formatQuantity(o.minutes)} package minutes${o.validity === 'monthly' ? ' / month' : ''}`
          : o.validity === 'trial'
            ? `${o.trialDays}-day free trial`
            : 'No package minutes',
      validityLabel:
        o.validity === 'monthly'
          ? `Bought today: valid ${v.validFrom} to ${v.validTo} (00:00 of the first day to 23:59:59 of the last, UTC+8); renews on ${addDays(v.validTo, 1)}.`
          : o.validity === 'trial'
            ? `Valid ${v.validFrom} to ${v.validTo}; not renewable.`
            : `Valid ${v.validFrom} to ${v.validTo} (the last day of the same month next year); not renewable.`,
      renewable: o.renewable,
      starter: o.starter,
      custom: o.custom,
      // A custom size is paid once priced; only trials and free offers are not (rule (c)).
      paid: o.custom || o.price.greaterThan(0),
      refundNote: checkoutRefundNote({ kind: o.kind, paid: o.custom || o.price.greaterThan(0) }),
    };
  };

  const requested = typeof sp.app === 'string' ? apps.find((a) => a.id === sp.app) : undefined;
  const defaultApp = requested ?? apps[0]!;
  // Pre-select the asked package, else the first one this application can have (never one marked not available).
  const requestedCode = typeof sp.package === 'string' && offers.some((o) => o.catalogCode === sp.package) ? sp.package : undefined;
  return (
    <>
      <PageHeader title="Buy a package" description="Paid from your balance. One package per application per product; another of the same edition waits in the queue." />
      <Card>
        <CardBody>
          <PurchaseForm
            purchase={purchasePackageAction}
            apps={apps.map((a) => ({ id: a.id, label: `${a.name} · ${a.sdkAppId}` }))}
            offers={offers.map(view)}
            availability={availability}
            defaultAppId={defaultApp.id}
            defaultCode={requestedCode ?? offers.find((o) => availability[defaultApp.id]?.[o.catalogCode]?.ok)?.catalogCode ?? offers[0]!.catalogCode}
            idempotencyKey={randomUUID()}
            balanceLabel={formatMoney(account.balance, account.currency)}
            customTiers={
              account.currency === 'CNY'
                ? `Unit price per thousand minutes: ${UNIVERSAL_TIERS.map((t) => `${t.unitPricePerThousand} from ${t.fromThousands}`).join(', ')} (seed 002).`
                : undefined
            }
          />
        </CardBody>
      </Card>
    </>
  );
}
