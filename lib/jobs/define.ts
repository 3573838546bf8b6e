import type { z } from 'zod';
import type { Database, Transaction } from '@/db/client';
import type { JobRow } from './types';

/**
 * One kind of job, declared once (issue 15, typed jobs): its name, the zod schema of its
 * payload, its same-instant priority and label, and its handler. The planner enqueues
 * `JobSpec`s whose payload type comes from the schema (a wrong field does not compile),
 * the queue validates it again before inserting, and the runner parses it before the
 * handler runs, so a handler receives a typed payload and never casts `job.payload`.
 */
export type JobRunContext<P, Prep> = {
  db: Database;
  job: JobRow;
  /** The job's account (every job belongs to one). */
  accountId: string;
  /** The payload, parsed by the definition's schema. */
  payload: P;
  /** The job's due instant on the account's clock: the handler's "now". */
  now: Date;
  /** What `prepare` returned (undefined without one). */
  prepared: Prep;
};

export type JobDefinition<Name extends string = string, S extends z.ZodType = z.ZodType, Prep = unknown> = {
  name: Name;
  payload: S;
  /** Order of jobs due at the same instant (lower first). */
  priority: number;
  /** What the admin and developer pages call it. */
  label: string;
  /** Work outside the job's transaction (e.g. a safe usage watermark). */
  prepare?: (db: Database, job: JobRow) => Promise<Prep>;
  /** The job's effect, in the transaction that also marks it done. Returns a JSON summary. */
  handler: (tx: Transaction, ctx: JobRunContext<z.output<S>, Prep>) => Promise<Record<string, unknown>>;
};

export function defineJob<const Name extends string, S extends z.ZodType, Prep = undefined>(def: JobDefinition<Name, S, Prep>): JobDefinition<Name, S, Prep> {
  return def;
}

/** The payload a job of this definition is enqueued with (the schema's input). */
export type PayloadOf<D> = D extends { payload: infer S extends z.ZodType } ? z.input<S> : never;
