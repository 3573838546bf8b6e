'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { useTranslations } from 'next-intl';
import { buttonClass, type ButtonVariant } from './button';
import { Spinner } from './spinner';

/**
 * A submit button that first asks (issue 14 item 8: what costs money or stops service was one
 * click). The native <dialog> opened with showModal() is modal for assistive technology, keeps
 * focus inside, closes on Escape and returns focus to the button; Cancel has the focus first, so
 * Enter never confirms by accident. `describe` reads the form as filled in, so the question says
 * what will happen with the numbers typed ("Debit $12.50 from Acme ..."). Confirm submits the
 * form with this button's name/value, as a plain submit button would.
 */
export function ConfirmSubmitButton({
  children,
  title,
  describe,
  confirmLabel,
  pendingText,
  variant = 'primary',
  confirmVariant,
  className,
  name,
  value,
  disabled,
  describedBy,
}: {
  children: ReactNode;
  title: string;
  describe: (form: FormData) => ReactNode;
  confirmLabel: string;
  pendingText?: string;
  variant?: ButtonVariant;
  confirmVariant?: ButtonVariant;
  className?: string;
  name?: string;
  value?: string;
  disabled?: boolean;
  describedBy?: string;
}) {
  const { pending } = useFormStatus();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const submitter = useRef<HTMLButtonElement>(null);
  // The dialog exists only while asked: closed, nothing of it is in the page (no stray labels or buttons).
  const [body, setBody] = useState<ReactNode>(null);
  const [asking, setAsking] = useState(false);
  const id = useId();
  const t = useTranslations('ui.confirm');

  useEffect(() => {
    if (asking && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [asking]);

  const open = () => {
    const form = opener.current?.form;
    if (!form) return;
    setBody(describe(new FormData(form)));
    setAsking(true);
  };
  const confirm = () => {
    dialog.current?.close();
    const form = opener.current?.form;
    if (form && submitter.current) form.requestSubmit(submitter.current);
  };

  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={open}
        disabled={pending || disabled}
        aria-busy={pending}
        aria-haspopup="dialog"
        aria-describedby={describedBy}
        className={buttonClass(variant, className)}
      >
        {pending && <Spinner />}
        {pending ? (pendingText ?? children) : children}
      </button>
      {/* The real submit button: keeps name/value in the form data; never shown. */}
      <button ref={submitter} type="submit" name={name} value={value} hidden tabIndex={-1} aria-hidden="true" />
      {asking && (
        <dialog
          ref={dialog}
          onClose={() => {
            setAsking(false);
            opener.current?.focus();
          }}
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-body`}
          className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-left shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
          data-testid="confirm-dialog"
        >
          <div className="p-5">
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            <div id={`${id}-body`} className="mt-2 space-y-2 text-sm text-slate-700">
              {body}
            </div>
          </div>
          <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
            <button type="button" autoFocus onClick={() => dialog.current?.close()} className={buttonClass('secondary')}>
              {t('cancel')}
            </button>
            <button type="button" onClick={confirm} className={buttonClass(confirmVariant ?? (variant === 'secondary' ? 'primary' : variant))}>
              {confirmLabel}
            </button>
          </div>
        </dialog>
      )}
    </>
  );
}
