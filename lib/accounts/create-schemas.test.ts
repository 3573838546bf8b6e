import { expect, test } from 'vitest';
import { adminCreateAccountSchema } from './create-schemas';

const base = { name: 'Owner Ltd', email: 'owner@example.test', priceBookId: 'hst-cny' };

test('an admin gives a first password, or invites by email and leaves the password empty', () => {
  expect(adminCreateAccountSchema.parse({ ...base, password: 'first-password-1' })).toMatchObject({ invite: 'password', password: 'first-password-1' });
  expect(adminCreateAccountSchema.parse({ ...base, invite: 'email', password: '' })).toMatchObject({ invite: 'email', password: undefined });
  const missing = adminCreateAccountSchema.safeParse({ ...base, invite: 'password', password: '' });
  expect(missing.success).toBe(false);
  expect(missing.error?.issues[0]?.path).toEqual(['password']);
  expect(adminCreateAccountSchema.safeParse({ ...base, invite: 'fax', password: 'first-password-1' }).success).toBe(false);
});
