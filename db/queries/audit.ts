import { and, count, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { accounts, accountStatusHistory, auditLog, ledgerEntries, users } from '../schema';
import { Decimal } from '../schema/decimal';
import { escapeLike } from './like';

export type AuditRow = typeof auditLog.$inferSelect;

/** Admin: the audit log, newest first, optionally for one account or action prefix. */
export async function listAuditLog(db: DbOrTx, options: { accountId?: string; action?: string; limit: number; offset: number; dir?: 'asc' | 'desc' }) {
  const where = and(
    options.accountId ? eq(auditLog.accountId, options.accountId) : undefined,
    options.action ? ilike(auditLog.action, `${escapeLike(options.action)}%`) : undefined,
  );
  const rows = await db
    .select({ entry: auditLog, accountName: accounts.name, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.accountId))
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(options.dir === 'asc' ? auditLog.id : desc(auditLog.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** What the reclamation of an account removed, from its audit row (lib/enforcement reclaimAccount), or null if none. */
export async function getReclamationDetails(db: DbOrTx, accountId: string): Promise<{ at: Date; details: { applications?: number[]; usageRecords?: number; packages?: number } } | null> {
  const [row] = await db
    .select({ at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.accountId, accountId), eq(auditLog.action, 'account.reclaimed')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row ? { at: row.at, details: (row.details ?? {}) as { applications?: number[]; usageRecords?: number; packages?: number } } : null;
}

/**
 * The admin audit page (issue 14 item 8: it promised every automatic change of money or
 * status but showed the audit log only): the audit log, every ledger row (money) and every
 * account status change, merged newest first, each with who or what caused it. Filters: the
 * source, an action prefix (`ledger.adjustment`, `status.suspended`, `refund.`), one account
 * by id, or accounts whose name or owner email contains `q`.
 */
export const ACTIVITY_SOURCES = ['audit', 'ledger', 'status'] as const;
export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];
export type ActivityRow = {
  source: ActivitySource;
  id: number;
  at: Date;
  action: string;
  actorRole: string;
  actorEmail: string | null;
  accountId: string | null;
  accountName: string | null;
  /** audit: target; ledger: reference; status: from → to */
  target: string;
  /** audit: details (JSON); ledger: description; status: reason */
  cause: string;
  /** ledger: the description's key and values (lib/ledger/description.ts); others: null */
  causeKey: string | null;
  causeParams: unknown;
  amount: Decimal | null;
  currency: string | null;
};

export async function listActivity(
  db: DbOrTx,
  options: { source?: ActivitySource; accountId?: string; q?: string; action?: string; limit: number; offset: number; dir?: 'asc' | 'desc' },
): Promise<{ rows: ActivityRow[]; total: number }> {
  const actorRole = (alias: string) => sql.raw(`case when ${alias}.actor_user_id is null then 'system' else coalesce(actor.role, 'customer') end`);
  const parts: SQL[] = [];
  if (!options.source || options.source === 'audit') {
    parts.push(sql`select 'audit'::text as source, a.id, a.at, a.action, a.actor_role, a.actor_user_id, a.account_id,
      (a.target_type || ':' || a.target_id) as target, a.details::text as cause, null::text as cause_key, null::jsonb as cause_params, null::numeric as amount, null::text as currency from ${auditLog} a`);
  }
  if (!options.source || options.source === 'ledger') {
    parts.push(sql`select 'ledger'::text, l.id, l.at, 'ledger.' || l.kind, ${actorRole('l')}, l.actor_user_id, l.account_id,
      coalesce(l.reference, ''), l.description, l.description_key, l.description_params, l.amount, l.currency from ${ledgerEntries} l left join ${users} actor on actor.id = l.actor_user_id`);
  }
  if (!options.source || options.source === 'status') {
    parts.push(sql`select 'status'::text, h.id, h.at, 'status.' || h.to_status, ${actorRole('h')}, h.actor_user_id, h.account_id,
      (h.from_status || ' → ' || h.to_status), h.reason, null::text, null::jsonb, null::numeric, null::text from ${accountStatusHistory} h left join ${users} actor on actor.id = h.actor_user_id`);
  }
  const union = sql.join(parts, sql` union all `);
  const q = options.q?.trim();
  const where = sql.join(
    [
      sql`true`,
      options.accountId ? sql`t.account_id = ${options.accountId}` : sql`true`,
      options.action ? sql`t.action ilike ${`${escapeLike(options.action)}%`}` : sql`true`,
      q
        ? sql`t.account_id in (select acc.id from ${accounts} acc left join ${users} owner on owner.account_id = acc.id
            where acc.name ilike ${`%${escapeLike(q)}%`} or owner.email ilike ${`%${escapeLike(q)}%`})`
        : sql`true`,
    ],
    sql` and `,
  );
  const dir = options.dir === 'asc' ? sql`asc` : sql`desc`;
  const rows = await db.execute<{
    source: ActivitySource;
    id: string | number;
    at_ms: string;
    action: string;
    actor_role: string;
    actor_email: string | null;
    account_id: string | null;
    account_name: string | null;
    target: string;
    cause: string;
    cause_key: string | null;
    cause_params: unknown;
    amount: string | null;
    currency: string | null;
  }>(sql`select t.source, t.id, floor(extract(epoch from t.at) * 1000)::bigint::text as at_ms, t.action, t.actor_role, u.email as actor_email, t.account_id, acc.name as account_name, t.target, t.cause, t.cause_key, t.cause_params, t.amount::text as amount, t.currency
    from (${union}) as t(source, id, at, action, actor_role, actor_user_id, account_id, target, cause, cause_key, cause_params, amount, currency)
    left join ${users} u on u.id = t.actor_user_id
    left join ${accounts} acc on acc.id = t.account_id
    where ${where}
    order by t.at ${dir}, t.source, t.id ${dir}
    limit ${options.limit} offset ${options.offset}`);
  const [total] = await db.execute<{ n: number }>(sql`select count(*)::int as n
    from (${union}) as t(source, id, at, action, actor_role, actor_user_id, account_id, target, cause, cause_key, cause_params, amount, currency)
    where ${where}`);
  return {
    rows: [...rows].map((r) => ({
      source: r.source,
      id: Number(r.id),
      at: new Date(Number(r.at_ms)),
      action: r.action,
      actorRole: r.actor_role,
      actorEmail: r.actor_email,
      accountId: r.account_id,
      accountName: r.account_name,
      target: r.target,
      cause: r.cause,
      causeKey: r.cause_key,
      causeParams: r.cause_params,
      amount: r.amount === null ? null : new Decimal(r.amount),
      currency: r.currency,
    })),
    total: Number(total?.n ?? 0),
  };
}
