import { randomUUID } from 'node:crypto';
import { db } from '@/db';
import { getAccount } from '@/db/queries/accounts';
import { listApplications } from '@/db/queries/applications';
import { listAccountPackages } from '@/db/queries/packages';
import { requirePageUser } from '@/lib/auth/guard';
import { accountNow } from '@/lib/clock';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatMoney, formatQuantity } from '@/lib/money/format';
import { getPriceBook, UNIVERSAL_TIERS } from '@/lib/rating';
import { purchasableCatalogForBook, type OfferedPackage } from '@/lib/packages/catalog';
import { canPay, purchaseEligibility, STARTER_MAX_PURCHASES, starterPurchaseCount, toFacts, validityFor, type PackageFacts, type PurchaseDecision } from '@/lib/packages/rules';
import { addDays, localDate } from '@/lib/time/local-date';
import { bookName, packageName, productName } from '@/lib/packages/names';
import { PageHeader } from '@/components/ui/page-header';
import { Card, CardBody } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ButtonLink } from '@/components/ui/button';
import { PurchaseForm, type Availability, type OfferView } from '@/components/packages/purchase-form';
import { purchasePackageAction } from '../actions';

export async function generateMetadata() {
  const t = await getTranslations('packages');
  return { title: t('buy.title') };
}

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
  const [t, locale] = await Promise.all([getTranslations('packages'), getLocale()]);
  const money = (v: Parameters<typeof formatMoney>[0]) => formatMoney(v, account.currency, locale);
  if (apps.length === 0) {
    return (
      <>
        <PageHeader title={t('buy.title')} />
        <EmptyState title={t('buy.noApps.title')} description={t('buy.noApps.description')} action={<ButtonLink href="/applications">{t('buy.noApps.action')}</ButtonLink>} />
      </>
    );
  }
  const today = localDate(now);
  const offers = purchasableCatalogForBook(account.priceBookId);
  if (offers.length === 0) {
    return (
      <>
        <PageHeader title={t('buy.title')} />
        <EmptyState title={t('page.noPackages.title')} description={t('page.noPackages.description', { book: bookName(t, getPriceBook(account.priceBookId)) })} action={<ButtonLink href="/usage">{t('page.noPackages.usage')}</ButtonLink>} />
      </>
    );
  }
  const facts = accountPackages.map((p) => ({ applicationId: p.applicationId, facts: toFacts(p) }));
  const ofApp = (applicationId: string) => facts.filter((p) => p.applicationId === applicationId).map((p) => p.facts);
  const ofProduct = new Map(offers.map((o) => [o.product, facts.filter((p) => p.facts.product === o.product).map((p) => p.facts)]));

  const nameOf = (o: { catalogCode: string; minutes?: unknown }) => packageName(t, { catalogCode: o.catalogCode, minutes: 0 });
  // Why an offer cannot be bought, said in the page's language: purchaseEligibility (lib/packages/rules.ts) decides, by code.
  const refusal = (d: Extract<PurchaseDecision, { ok: false }>, o: OfferedPackage, appPackages: PackageFacts[]): string => {
    const same = appPackages.filter((p) => p.product === o.product);
    const active = same.find((p) => p.status === 'active') ?? null;
    const queued = same.find((p) => p.status === 'queued') ?? null;
    const values = { name: nameOf(o), product: productName(t, o.product) };
    switch (d.code) {
      case 'starter_limit':
        return t('buy.refusal.starter_limit', { ...values, max: STARTER_MAX_PURCHASES, count: starterPurchaseCount(ofProduct.get(o.product) ?? [], o.catalogCode) });
      case 'queue_full':
        return active && queued ? t('buy.refusal.queue_full', { ...values, queued: packageName(t, queued) }) : t('buy.refusal.queue_waiting', values);
      case 'upgrade_mid_term':
      case 'change_mid_term':
        return t(`buy.refusal.${d.code}`, { ...values, current: active ? packageName(t, active) : '', until: active?.validTo ?? 'none' });
      case 'wrong_currency':
        return t('buy.refusal.wrong_currency', { ...values, offerCurrency: o.currency, currency: account.currency });
      default:
        return t(`buy.refusal.${d.code}`, values);
    }
  };
  // Where each package would go for an application, or why it cannot be bought (pure rules).
  const availabilityOf = (app: (typeof apps)[number], appPackages: PackageFacts[], o: OfferedPackage): { ok: boolean; text: string } => {
    if (o.custom) return { ok: true, text: t('buy.availability.custom') };
    const d = purchaseEligibility({ accountCurrency: account.currency, offer: o, appPackages, accountPackages: ofProduct.get(o.product) ?? [] });
    if (!d.ok) return { ok: false, text: refusal(d, o, appPackages) };
    if (!canPay(account.balance, o.price)) {
      return { ok: false, text: t('buy.availability.balance', { balance: money(account.balance), price: money(o.price), name: nameOf(o), missing: money(o.price.minus(account.balance)) }) };
    }
    if (d.placement === 'queued') {
      return { ok: true, text: t('buy.availability.queued', { product: productName(t, o.product), after: d.behind?.validTo ?? 'none' }) };
    }
    return { ok: true, text: t('buy.availability.active', { app: app.name }) };
  };
  const availability: Availability = Object.fromEntries(
    apps.map((app) => {
      const appPackages = ofApp(app.id);
      return [app.id, Object.fromEntries(offers.map((o) => [o.catalogCode, availabilityOf(app, appPackages, o)]))];
    }),
  );

  const view = (o: OfferedPackage): OfferView => {
    const amount = money(o.price);
    const v = validityFor(o, today);
    const paid = o.custom || o.price.greaterThan(0);
    return {
      catalogCode: o.catalogCode,
      product: o.product,
      productLabel: productName(t, o.product),
      name: o.custom ? t('catalog.universal.customSize') : nameOf(o),
      price: o.price.toFixed(),
      amountLabel: amount,
      priceLabel: o.custom ? t('buy.offer.pricedBySize') : o.validity === 'monthly' ? t('buy.offer.perMonth', { amount }) : o.validity === 'trial' ? t('buy.offer.free') : amount,
      minutesLabel: o.custom
        ? t('buy.offer.customMinutes')
        : o.minutes
          ? t('buy.offer.minutes', { minutes: formatQuantity(o.minutes, locale), monthly: o.validity === 'monthly' ? 'yes' : 'no' })
          : o.validity === 'trial'
            ? t('buy.offer.trialDays', { days: o.trialDays ?? 0 })
            : t('buy.offer.noMinutes'),
      validityLabel:
        o.validity === 'monthly'
          ? t('buy.offer.validMonthly', { from: v.validFrom, to: v.validTo, renewsOn: addDays(v.validTo, 1) })
          : o.validity === 'trial'
            ? t('buy.offer.validTrial', { from: v.validFrom, to: v.validTo })
            : t('buy.offer.validUniversal', { from: v.validFrom, to: v.validTo }),
      renewable: o.renewable,
      starter: o.starter,
      custom: o.custom,
      // A custom size is paid once priced; only trials and free offers are not (rule (c)); the sentence is lib/refunds checkoutRefundNote's.
      paid,
      refundNote: o.kind === 'trial' || !paid ? t('buy.refundNote.none') : t('buy.refundNote.paid'),
    };
  };

  const requested = typeof sp.app === 'string' ? apps.find((a) => a.id === sp.app) : undefined;
  const defaultApp = requested ?? apps[0]!;
  // Pre-select the asked package, else the first one this application can have (never one marked not available).
  const requestedCode = typeof sp.package === 'string' && offers.some((o) => o.catalogCode === sp.package) ? sp.package : undefined;
  return (
    <>
      <PageHeader title={t('buy.title')} description={t('buy.description')} />
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
            balanceLabel={money(account.balance)}
            customTiers={
              account.currency === 'CNY'
                ? t('buy.customTiers', { tiers: UNIVERSAL_TIERS.map((x) => t('buy.customTier', { price: x.unitPricePerThousand, from: String(x.fromThousands) })).join(locale === 'zh' ? '，' : ', ') })
                : undefined
            }
          />
        </CardBody>
      </Card>
    </>
  );
}
