import { z } from 'zod';
import { UNIVERSAL_CUSTOM_CODE, UNIVERSAL_CUSTOM_MAX_THOUSANDS } from './custom-size';

const uuid = (label: string) => z.uuid({ error: `${label} must be chosen from the list.` });
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());

/** Buying a package for an application (lifecycle.md, Packages). */
export const purchasePackageSchema = z
  .object({
    applicationId: z.string({ error: 'Application is required.' }).min(1, 'Application is required: choose one of your applications.').pipe(uuid('Application')),
    catalogCode: z
      .string({ error: 'Package is required.' })
      .min(1, 'Package is required: choose one from the catalog.')
      .max(60, 'Package must be chosen from the catalog.')
      .regex(/^[a-z-]+\.[a-z0-9-]+$/, 'Package must be chosen from the catalog.'),
    /** Only for `universal.custom`: size in thousand minutes (seed 002 · 自定义套餐包). */
    customThousands: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z.coerce
        .number({ error: 'Custom size must be a whole number of thousand minutes, like 30.' })
        .int('Custom size must be a whole number of thousand minutes, like 30.')
        .min(1, 'Custom size must be at least 1 thousand minutes.')
        .max(UNIVERSAL_CUSTOM_MAX_THOUSANDS, `Custom size must be at most ${UNIVERSAL_CUSTOM_MAX_THOUSANDS.toLocaleString('en-US')} thousand minutes.`)
        .optional(),
    ),
    autoRenew: checkbox.default(false),
    idempotencyKey: z.string({ error: 'The form is out of date; reload the page.' }).min(16, 'The form is out of date; reload the page.').max(100),
  })
  .superRefine((v, ctx) => {
    if (v.catalogCode === UNIVERSAL_CUSTOM_CODE && v.customThousands === undefined) {
      ctx.addIssue({ code: 'custom', path: ['customThousands'], message: 'Custom size is required for a custom universal package: enter thousand minutes, like 30.' });
    }
  });
export type PurchasePackageInput = z.infer<typeof purchasePackageSchema>;

export const setAutoRenewSchema = z.object({
  packageId: uuid('Package'),
  autoRenew: checkbox,
});
export type SetAutoRenewInput = z.infer<typeof setAutoRenewSchema>;
