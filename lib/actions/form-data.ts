import type { z } from 'zod';
import type { FieldErrors } from '@/lib/errors';

/** FormData → plain object: repeated keys become arrays; Next's `$ACTION_*` keys are dropped. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fd.entries()) {
    if (key.startsWith('$ACTION')) continue;
    const v = typeof value === 'string' ? value : value;
    if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, v] : [prev, v];
    } else {
      out[key] = v;
    }
  }
  return out;
}

/** Zod issues → `{ field: [messages] }`, the field being the dotted path ("form" for the root). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
