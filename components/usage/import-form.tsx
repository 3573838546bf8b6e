'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { INTL_LOCALE } from '@/lib/i18n/config';
import { buttonClass } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { USAGE_IMPORT_LIMITS } from '@/lib/usage/limits';

type RecordError = { index: number; line?: number; field: string; message: string };
type ImportAnswer =
  | { ok: true; batchId: string; format: string; rows: number; accepted: number; apps: number[]; firstDay: string | null; lastDay: string | null }
  | { ok: false; format: string | null; rows: number; refusedRows: number; errorCount: number; message: string; errors: RecordError[] }
  | { error: { code: string; message: string } };

type State =
  | { phase: 'idle' }
  | { phase: 'uploading'; sent: number; total: number }
  | { phase: 'processing'; total: number }
  | { phase: 'done'; answer: ImportAnswer; fileName: string };

const MAX_BYTES = USAGE_IMPORT_LIMITS.maxFileBytes;

/**
 * Import of a JSONL, JSON or CSV usage file. The file is streamed to the server (XHR,
 * for upload progress); the server validates every row while it arrives and stores the
 * records only when all of them are valid, in one transaction, so a refused file
 * stores nothing.
 */
export function ImportForm() {
  const t = useTranslations('usage.import');
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [fieldError, setFieldError] = useState<string | null>(null);
  const busy = state.phase === 'uploading' || state.phase === 'processing';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setFieldError(t('chooseFile'));
    if (file.size > MAX_BYTES) return setFieldError(t('tooLarge', { size: (file.size / 1024 / 1024).toFixed(1) }));
    setFieldError(null);
    setState({ phase: 'uploading', sent: 0, total: file.size });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/usage/import');
    xhr.setRequestHeader('Content-Type', file.name.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson');
    xhr.upload.onprogress = (ev) => setState({ phase: 'uploading', sent: ev.loaded, total: ev.lengthComputable ? ev.total : file.size });
    xhr.upload.onload = () => setState({ phase: 'processing', total: file.size });
    xhr.onload = () => {
      let answer: ImportAnswer;
      try {
        answer = JSON.parse(xhr.responseText) as ImportAnswer;
      } catch {
        answer = { error: { code: 'INTERNAL', message: t('serverAnswered', { status: String(xhr.status) }) } };
      }
      setState({ phase: 'done', answer, fileName: file.name });
      if ('ok' in answer && answer.ok) {
        if (input.current) input.current.value = '';
        router.refresh();
      }
    };
    xhr.onerror = () => setState({ phase: 'done', fileName: file.name, answer: { error: { code: 'NETWORK', message: t('network') } } });
    xhr.send(file);
  };

  const percent =
    state.phase === 'uploading' ? Math.round((state.sent / Math.max(1, state.total)) * 100) : state.phase === 'processing' || state.phase === 'done' ? 100 : 0;

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="usage-import">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1 space-y-1.5">
          <label htmlFor="usage-file" className="block text-sm font-medium text-slate-800">{t('file')}</label>
          <input
            ref={input}
            id="usage-file"
            name="file"
            type="file"
            accept=".jsonl,.ndjson,.json,.csv,application/json,text/csv"
            disabled={busy}
            aria-invalid={!!fieldError || undefined}
            aria-describedby={fieldError ? 'usage-file-error' : 'usage-file-hint'}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-700 hover:file:bg-slate-200"
          />
        </div>
        <button type="submit" className={buttonClass('primary')} disabled={busy}>
          {busy && <Spinner />}
          {busy ? t('importing') : t('submit')}
        </button>
      </div>
      {fieldError ? (
        <p id="usage-file-error" role="alert" className="text-sm text-rose-700">{fieldError}</p>
      ) : (
        <p id="usage-file-hint" className="text-xs text-slate-500">
          {t.rich('hint', { code: (chunks) => <code>{chunks}</code> })}
        </p>
      )}

      {state.phase !== 'idle' && (
        <div className="space-y-1.5">
          <div className="flex justify-between text-xs text-slate-600">
            <span>
              {state.phase === 'uploading' && t('uploading')}
              {state.phase === 'processing' && t('processing')}
              {state.phase === 'done' && t('finished', { name: state.fileName })}
            </span>
            <span className="tabular-nums">{percent}%</span>
          </div>
          <div
            role="progressbar"
            aria-label={t('progress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-2 overflow-hidden rounded-full bg-slate-100"
          >
            <div
              className={`h-full rounded-full transition-[width] duration-200 ${state.phase === 'processing' ? 'animate-pulse bg-indigo-400' : state.phase === 'done' && !('ok' in state.answer && state.answer.ok) ? 'bg-rose-500' : 'bg-indigo-600'}`}
              style={{ width: `${percent}%` }}
            />
          </div>
        </div>
      )}

      {state.phase === 'done' && <ImportSummary answer={state.answer} />}
    </form>
  );
}

function ImportSummary({ answer }: { answer: ImportAnswer }) {
  const t = useTranslations('usage.import');
  const tag = INTL_LOCALE[useLocale()];
  const n = (v: number) => v.toLocaleString(tag);
  if ('error' in answer) {
    return (
      <div role="alert" className="rounded-md bg-rose-50 px-4 py-3 text-sm text-rose-900 ring-1 ring-inset ring-rose-200" data-testid="import-summary">
        <p className="font-semibold">{t('refused')}</p>
        <p className="mt-0.5">{answer.error.message}</p>
      </div>
    );
  }
  if (answer.ok) {
    return (
      <div role="status" className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200" data-testid="import-summary">
        <p className="font-semibold">{t('imported', { accepted: n(answer.accepted), rows: n(answer.rows), format: answer.format.toUpperCase() })}</p>
        <p className="mt-0.5">
          {answer.firstDay
            ? t('importedAppsDays', { apps: answer.apps.join(', '), first: answer.firstDay, last: answer.lastDay ?? answer.firstDay, batch: answer.batchId.slice(0, 8) })
            : t('importedApps', { apps: answer.apps.join(', '), batch: answer.batchId.slice(0, 8) })}
        </p>
      </div>
    );
  }
  return (
    <div role="alert" className="space-y-2 rounded-md bg-rose-50 px-4 py-3 text-sm text-rose-900 ring-1 ring-inset ring-rose-200" data-testid="import-summary">
      <p className="font-semibold">{t('refusedSummary', { rows: n(answer.rows), valid: n(answer.rows - answer.refusedRows), refused: n(answer.refusedRows) })}</p>
      <p>{answer.message}</p>
      {answer.errors.length > 0 && (
        <div className="max-h-64 overflow-auto rounded bg-white ring-1 ring-rose-200">
          <table className="min-w-full text-xs">
            <thead className="bg-rose-50 text-left">
              <tr>
                <th className="px-3 py-1.5 font-semibold">{t('colLine')}</th>
                <th className="px-3 py-1.5 font-semibold">{t('colRecord')}</th>
                <th className="px-3 py-1.5 font-semibold">{t('colField')}</th>
                <th className="px-3 py-1.5 font-semibold">{t('colProblem')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-rose-100 text-slate-800">
              {answer.errors.map((e, i) => (
                <tr key={i}>
                  <td className="px-3 py-1.5 tabular-nums">{e.line ?? '—'}</td>
                  <td className="px-3 py-1.5 tabular-nums">{e.index}</td>
                  <td className="px-3 py-1.5 font-mono">{e.field}</td>
                  <td className="px-3 py-1.5">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {answer.errorCount > answer.errors.length && <p className="px-3 py-1.5 text-xs">{t('more', { count: answer.errorCount - answer.errors.length })}</p>}
        </div>
      )}
    </div>
  );
}
