import type { ErrorCode, FieldErrors } from '@/lib/errors';

/**
 * What a server action answers, and the shape a form hands to `useActionState`. Free of
 * server-only imports: client components type the action they receive as a prop with it.
 */
export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; values?: Record<string, string> };

/** A server action made by `defineAction`, as a page passes it to a form component. */
export type FormAction<T = unknown> = (prev: ActionResult<T> | null, payload: FormData) => Promise<ActionResult<T>>;
