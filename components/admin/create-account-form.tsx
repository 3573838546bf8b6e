'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export type BookOption = { id: string; label: string; currency: string; note: string };

/** Admin: a customer account on any price book; the currency follows the book (lifecycle.md, Account). */
export function CreateAccountForm<T>({ books, createAccountAction }: { books: BookOption[]; createAccountAction: FormAction<T> }) {
  const t = useTranslations('admin.create');
  const [state, action] = useActionState(createAccountAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate data-testid="create-account-form">
      <Field label={t('name')} name="name" errors={errors?.name}>
        <Input id="name" name="name" defaultValue={values?.name} invalid={!!errors?.name} autoComplete="off" />
      </Field>
      <Field label={t('email')} name="email" errors={errors?.email} hint={t('emailHint')}>
        <Input id="email" name="email" type="email" defaultValue={values?.email} invalid={!!errors?.email} autoComplete="off" />
      </Field>
      <Field label={t('priceBook')} name="priceBookId" errors={errors?.priceBookId} hint={t('priceBookHint')}>
        <Select id="priceBookId" name="priceBookId" defaultValue={values?.priceBookId ?? books[0]?.id} invalid={!!errors?.priceBookId}>
          {books.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label} · {b.currency} · {b.note}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('invite')} name="invite" errors={errors?.invite}>
        <Select id="invite" name="invite" defaultValue={values?.invite ?? 'password'} invalid={!!errors?.invite}>
          <option value="password">{t('invitePassword')}</option>
          <option value="email">{t('inviteEmail')}</option>
        </Select>
      </Field>
      <Field
        label={t('password')}
        name="password"
        errors={errors?.password}
        hint={t('passwordHint')}
      >
        <Input id="password" name="password" type="text" invalid={!!errors?.password} autoComplete="new-password" />
      </Field>
      <FormMessage state={state} />
      {state?.ok && (
        <p className="text-sm">
          <Link className="text-indigo-600 hover:underline" href={`/admin/accounts/${(state.data as { accountId: string }).accountId}`} data-testid="created-account-link">
            {t('openNew')}
          </Link>
        </p>
      )}
      <SubmitButton pendingText={t('creating')}>{t('submit')}</SubmitButton>
    </form>
  );
}
