import type { DbOrTx } from '@/db/client';
import { NO_ACCOUNT_ID, auditLog } from '@/db/schema';

export type AuditEntry = {
  /** Null: about no account (filed under `NO_ACCOUNT_ID`: the column is the shard key, never null). */
  accountId: string | null;
  actorUserId: string | null;
  actorRole: 'admin' | 'customer' | 'system' | 'developer';
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
  at: Date;
};

/** Write an audit row; call it inside the transaction of the change it records. */
export async function writeAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, accountId: entry.accountId ?? NO_ACCOUNT_ID, details: entry.details ?? {} });
}
