'use server';

import { db } from '@/db';
import { defineAction } from '@/lib/actions/define-action';
import { markAllNoticesRead, markNoticeRead } from '@/lib/notices/read';
import { markAllNoticesReadSchema, markNoticeReadSchema } from '@/lib/notices/schemas';

// The message center stays open while suspended: it is where the customer learns why (lifecycle.md, Notices).
const REVALIDATE = ['/notices', '/overview', '/', 'layout'];

/** Mark one of the customer's own notices read (another account's: NOT_FOUND). */
export const markNoticeReadAction = defineAction({
  schema: markNoticeReadSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ input, user }) => markNoticeRead(db, user.accountId, input.noticeId),
  revalidate: () => REVALIDATE,
});

/** Mark all of the customer's notices read. */
export const markAllNoticesReadAction = defineAction({
  schema: markAllNoticesReadSchema,
  permission: 'customer',
  allowWhenSuspended: true,
  run: async ({ user }) => ({ marked: await markAllNoticesRead(db, user.accountId) }),
  revalidate: () => REVALIDATE,
  successMessage: (d) => (d.marked === 0 ? 'Nothing was unread.' : `${d.marked} notice${d.marked === 1 ? '' : 's'} marked read.`),
});
