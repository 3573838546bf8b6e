'use client';

import { useActionState, useMemo, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/actions/types';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { ConfirmSubmitButton } from '@/components/ui/confirm-submit';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/lib/money/format';
import { customUniversalPrice } from '@/lib/packages/custom-size';

/** One catalog row as the form shows it, computed on the server (only a custom size is priced here, as it is typed). */
export type OfferView = {
  catalogCode: string;
  product: string;
  productLabel: string;
  name: string;
  price: string;
  /** `$49.50`, and `$49.50 / month` */
  amountLabel: string;
  priceLabel: string;
  minutesLabel: string;
  validityLabel: string;
  renewable: boolean;
  starter: boolean;
  custom: boolean;
  /** Whether it is paid and refundable (rule (c)): the checkout's sentence, from lib/refunds checkoutRefundNote. */
  refundNote: string;
  paid: boolean;
};

/** Per application and offer: where the package would go, or why it cannot be bought. */
export type Availability = Record<string, Record<string, { ok: boolean; text: string }>>;

export function PurchaseForm<T>({
  purchase,
  apps,
  offers,
  availability,
  defaultAppId,
  defaultCode,
  idempotencyKey,
  balanceLabel,
  customTiers,
}: {
  /** The page's purchase action (app/(console)/packages/actions.ts). */
  purchase: FormAction<T>;
  apps: { id: string; label: string }[];
  offers: OfferView[];
  availability: Availability;
  defaultAppId: string;
  defaultCode: string;
  idempotencyKey: string;
  balanceLabel: string;
  customTiers?: string;
}) {
  const t = useTranslations('packages.buy.form');
  const locale = useLocale();
  const [state, action] = useActionState(purchase, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const [appId, setAppId] = useState(values?.applicationId ?? defaultAppId);
  const [code, setCode] = useState(values?.catalogCode ?? defaultCode);
  // Another application: keep the chosen package if it can be bought there, else the first that can
  // (a plan marked not available was pre-selected, issue 14 item 8).
  const chooseApp = (id: string) => {
    setAppId(id);
    const av = availability[id] ?? {};
    if (!av[code]?.ok) {
      const first = offers.find((o) => av[o.catalogCode]?.ok);
      if (first) setCode(first.catalogCode);
    }
  };
  const offer = offers.find((o) => o.catalogCode === code);
  const [customThousands, setCustomThousands] = useState(values?.customThousands ?? '');
  const customPrice = offer?.custom ? customUniversalPrice(Number(customThousands)) : null;
  const customLabel = customPrice ? formatMoney(customPrice, 'CNY', locale) : null;
  const customSize = Number(customThousands).toLocaleString('en-US');
  const payLabel = offer?.custom ? customLabel : offer && offer.price !== '0' ? offer.amountLabel : null;
  const groups = useMemo(() => {
    const out: { label: string; offers: OfferView[] }[] = [];
    for (const o of offers) {
      const g = out.find((x) => x.label === o.productLabel);
      if (g) g.offers.push(o);
      else out.push({ label: o.productLabel, offers: [o] });
    }
    return out;
  }, [offers]);
  const here = availability[appId] ?? {};
  const selected = here[code];
  return (
    <form action={action} className="space-y-6" noValidate data-testid="purchase-form">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} readOnly />
      <Field label={t('application')} name="applicationId" errors={errors?.applicationId} hint={t('applicationHint')}>
        <Select name="applicationId" value={appId} onChange={(e) => chooseApp(e.target.value)} invalid={!!errors?.applicationId}>
          {apps.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </Select>
      </Field>

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t('package')}</legend>
        {errors?.catalogCode && (
          <p className="mt-1 text-sm text-rose-700" role="alert" id="catalogCode-error">
            {errors.catalogCode.join(' ')}
          </p>
        )}
        <div className="mt-2 space-y-5">
          {groups.map((g) => (
            <div key={g.label}>
              <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{g.label}</p>
              <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                {g.offers.map((o) => {
                  const av = here[o.catalogCode];
                  const checked = o.catalogCode === code;
                  return (
                    <label
                      key={o.catalogCode}
                      className={cn(
                        'flex cursor-pointer flex-col rounded-lg p-3 text-sm ring-1 ring-inset transition-colors',
                        checked ? 'bg-indigo-50 ring-2 ring-indigo-600' : 'bg-white ring-slate-200 hover:bg-slate-50',
                        // No dimming: faded text fails contrast (axe); the rose line below says it is unavailable.
                      )}
                    >
                      <span className="flex items-center gap-2">
                        <input type="radio" name="catalogCode" value={o.catalogCode} checked={checked} onChange={() => setCode(o.catalogCode)} className="accent-indigo-600" aria-label={o.name} />
                        <span className="font-semibold text-slate-900">{o.name}</span>
                      </span>
                      <span className="mt-1 pl-6 tabular-nums text-slate-700">{o.priceLabel}</span>
                      <span className="pl-6 text-xs text-slate-600">{o.minutesLabel}</span>
                      {av && !av.ok && (
                        <span className="mt-1 pl-6 text-xs text-rose-700" data-testid="offer-unavailable">
                          {t('notAvailable', { reason: av.text })}
                        </span>
                      )}
                    </label>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      </fieldset>

      {offer?.custom && (
        <Field label={t('customSize')} name="customThousands" errors={errors?.customThousands} hint={customTiers}>
          <Input name="customThousands" inputMode="numeric" placeholder="30" value={customThousands} onChange={(e) => setCustomThousands(e.target.value)} invalid={!!errors?.customThousands} />
        </Field>
      )}

      <label className={cn('flex items-start gap-3 text-sm', !offer?.renewable && 'opacity-50')}>
        <input type="checkbox" name="autoRenew" value="on" defaultChecked={values?.autoRenew === 'on'} disabled={!offer?.renewable} className="mt-0.5 size-4 accent-indigo-600" />
        <span>
          <span className="font-medium text-slate-900">{t('autoRenew')}</span>
          <span className="block text-slate-500">{offer?.renewable ? t('autoRenewHint') : t('autoRenewNo')}</span>
        </span>
      </label>

      {offer && (
        <div id="purchase-summary" className={cn('rounded-lg p-4 text-sm ring-1', selected && !selected.ok ? 'bg-rose-50 ring-rose-200' : 'bg-slate-50 ring-slate-200')} data-testid="purchase-summary">
          <p className="font-semibold text-slate-900">
            {offer.custom
              ? customLabel
                ? t('summaryCustom', { size: customSize, amount: customLabel })
                : t('summaryCustomEmpty')
              : t('summary', { name: offer.name, price: offer.priceLabel })}
          </p>
          <p className="mt-1 text-slate-700">{offer.validityLabel}</p>
          {selected && <p className={cn('mt-1', selected.ok ? 'text-slate-700' : 'text-rose-700')}>{selected.text}</p>}
          <p className="mt-1 text-slate-500" data-testid="refund-note">
            {offer.paid ? t('paidFrom', { balance: balanceLabel }) : ''}
            {offer.refundNote}
          </p>
        </div>
      )}

      {state && !state.ok && !(errors?.applicationId || errors?.catalogCode || errors?.customThousands) && <FormMessage state={state} />}
      <ConfirmSubmitButton
        pendingText={t('paying')}
        disabled={!!selected && !selected.ok}
        describedBy={selected && !selected.ok ? 'purchase-summary' : undefined}
        title={offer?.custom && customLabel ? t('confirmTitleCustom', { size: customSize }) : offer ? t('confirmTitle', { name: offer.name }) : t('confirmTitleAny')}
        confirmLabel={payLabel ? t('pay', { amount: payLabel }) : t('buy')}
        describe={() => (
          <>
            <p>
              {t('confirmFor', { app: apps.find((a) => a.id === appId)?.label ?? t('theApplication') })}
              {locale === 'zh' ? '' : ' '}
              {payLabel ? t('confirmPaid', { amount: payLabel, balance: balanceLabel }) : t('confirmFree')}
            </p>
            {selected?.ok && <p>{selected.text}</p>}
            {offer && <p>{offer.refundNote}</p>}
          </>
        )}
      >
        {payLabel ? t('buyAndPay', { amount: payLabel }) : t('buy')}
      </ConfirmSubmitButton>
    </form>
  );
}
