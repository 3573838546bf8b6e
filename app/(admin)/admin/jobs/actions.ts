'use server';

import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db';
import { jobs } from '@/db/schema';
import { defineAction } from '@/lib/actions/define-action';
import { writeAudit } from '@/lib/audit/service';
import { AppError } from '@/lib/errors';
import { systemNow } from '@/lib/clock';
import { getTranslations } from 'next-intl/server';

/** Give a dead job a fresh set of attempts; the next drain of its account runs it. */
export const retryDeadJobAction = defineAction({
  permission: 'admin',
  schema: z.object({ jobId: z.coerce.number().int().positive() }),
  run: async ({ input, user }) => {
    const job = await db.transaction(async (tx) => {
      const [job] = await tx
        .update(jobs)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: null, finishedAt: null })
        .where(and(eq(jobs.id, input.jobId), eq(jobs.status, 'dead')))
        .returning({ key: jobs.key, accountId: jobs.accountId });
      if (!job) throw new AppError('CONFLICT', 'This job is no longer dead; reload the page.');
      await writeAudit(tx, { accountId: job.accountId, actorUserId: user.id, actorRole: 'admin', action: 'job.retried', targetType: 'job', targetId: job.key, at: systemNow() });
      return job;
    });
    const t = await getTranslations('admin.actions');
    return { ...job, message: t('jobRetried', { key: job.key }) };
  },
  revalidate: ['/admin/jobs'],
  successMessage: (j) => j.message,
});
