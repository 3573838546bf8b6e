'use server';

import { redirect } from 'next/navigation';
import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { purchasePackageSchema, setAutoRenewSchema } from '@/lib/packages/schemas';
import { purchasePackage, setAutoRenew } from '@/lib/packages/service';
import { requestRefundSchema, withdrawRefundSchema } from '@/lib/refunds/schemas';
import { requestRefund, withdrawRefund } from '@/lib/refunds/service';

export const purchasePackageAction = defineAction({
  schema: purchasePackageSchema,
  permission: 'customer',
  run: async ({ input, user }) => {
    const { package: pkg } = await purchasePackage(db, {
      accountId: user.accountId,
      userId: user.id,
      applicationId: input.applicationId,
      catalogCode: input.catalogCode,
      customThousands: input.customThousands,
      autoRenew: input.autoRenew,
      idempotencyKey: input.idempotencyKey,
    });
    redirect(`/packages?bought=${pkg.id}`);
  },
});

export const setAutoRenewAction = defineAction({
  schema: setAutoRenewSchema,
  permission: 'customer',
  run: async ({ input, user }) => {
    const pkg = await setAutoRenew(db, { accountId: user.accountId, packageId: input.packageId, autoRenew: input.autoRenew });
    return { autoRenew: pkg.autoRenew };
  },
  revalidate: ['/packages', '/applications'],
  successMessage: (d) => (d.autoRenew ? 'Auto-renewal is on.' : 'Auto-renewal is off: the package will expire at the end of its validity.'),
});

export const requestRefundAction = defineAction({
  schema: requestRefundSchema,
  permission: 'customer',
  // Refunds are billing: the domain's checks answer a suspended account, a violation with reason (d).
  allowWhenSuspended: true,
  run: async ({ input, user }) => {
    const r = await requestRefund(db, { accountId: user.accountId, userId: user.id, packageId: input.packageId, note: input.note });
    return { requestId: r.id };
  },
  revalidate: ['/packages', '/overview'],
  successMessage: 'Refund requested. An administrator reviews it; the state is shown below.',
});

export const withdrawRefundAction = defineAction({
  schema: withdrawRefundSchema,
  permission: 'customer',
  // Taking a request back is always allowed while it is open, suspended or not.
  allowWhenSuspended: true,
  run: async ({ input, user }) => {
    const r = await withdrawRefund(db, { accountId: user.accountId, userId: user.id, requestId: input.requestId });
    return { requestId: r.id };
  },
  revalidate: ['/packages', '/overview'],
  successMessage: 'Refund request withdrawn. Nothing was refunded; you can request again while the package is refundable.',
});
