'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Field, Input, Select } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '@/lib/actions/types';

export type BookOption = { id: string; label: string; currency: string; note: string };

/** Admin: a customer account on any price book; the currency follows the book (lifecycle.md, Account). */
export function CreateAccountForm<T>({ books, createAccountAction }: { books: BookOption[]; createAccountAction: FormAction<T> }) {
  const [state, action] = useActionState(createAccountAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate data-testid="create-account-form">
      <Field label="Account name" name="name" errors={errors?.name}>
        <Input id="name" name="name" defaultValue={values?.name} invalid={!!errors?.name} autoComplete="off" />
      </Field>
      <Field label="Owner's email" name="email" errors={errors?.email} hint="The owner signs in with this address.">
        <Input id="email" name="email" type="email" defaultValue={values?.email} invalid={!!errors?.email} autoComplete="off" />
      </Field>
      <Field label="Price book" name="priceBookId" errors={errors?.priceBookId} hint="Fixed for the account's life; its currency becomes the account's currency.">
        <Select id="priceBookId" name="priceBookId" defaultValue={values?.priceBookId ?? books[0]?.id} invalid={!!errors?.priceBookId}>
          {books.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label} · {b.currency} · {b.note}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="How the owner gets in" name="invite" errors={errors?.invite}>
        <Select id="invite" name="invite" defaultValue={values?.invite ?? 'password'} invalid={!!errors?.invite}>
          <option value="password">A first password I give them</option>
          <option value="email">An email invitation to choose a password</option>
        </Select>
      </Field>
      <Field
        label="First password"
        name="password"
        errors={errors?.password}
        hint="At least 10 characters. Tell the owner over a channel you trust. Leave it empty when inviting by email."
      >
        <Input id="password" name="password" type="text" invalid={!!errors?.password} autoComplete="new-password" />
      </Field>
      <FormMessage state={state} />
      {state?.ok && (
        <p className="text-sm">
          <Link className="text-indigo-600 hover:underline" href={`/admin/accounts/${(state.data as { accountId: string }).accountId}`} data-testid="created-account-link">
            Open the new account →
          </Link>
        </p>
      )}
      <SubmitButton pendingText="Creating…">Create account</SubmitButton>
    </form>
  );
}
