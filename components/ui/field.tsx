import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { cn } from './cn';

const CONTROL =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset disabled:bg-slate-50 disabled:text-slate-500';
// One ring colour or the other, never both: with both, the stylesheet order would decide.
const VALID = 'ring-slate-300 focus:ring-indigo-600';
const INVALID = 'ring-rose-400 focus:ring-rose-600';

type FieldProps = { label: string; name: string; errors?: string[]; hint?: ReactNode; children?: ReactNode };

/** Label, control, hint and the field's error messages, wired with aria attributes. */
export function Field({ label, name, errors, hint, children }: FieldProps) {
  const errorId = `${name}-error`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length && <p className="text-xs text-slate-500">{hint}</p>}
      {errors?.length ? (
        <p id={errorId} className="text-sm text-rose-700" role="alert">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

export function Input({ invalid, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return (
    <input
      id={props.id ?? props.name}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${props.name}-error` : undefined}
      className={cn(CONTROL, invalid ? INVALID : VALID, className)}
      {...props}
    />
  );
}

export function Select({ invalid, className, children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  return (
    <select
      id={props.id ?? props.name}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${props.name}-error` : undefined}
      className={cn(CONTROL, 'pr-8', invalid ? INVALID : VALID, className)}
      {...props}
    >
      {children}
    </select>
  );
}

export function Textarea({ invalid, className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }) {
  return (
    <textarea
      id={props.id ?? props.name}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${props.name}-error` : undefined}
      className={cn(CONTROL, invalid ? INVALID : VALID, className)}
      {...props}
    />
  );
}
