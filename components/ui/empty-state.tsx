import type { ReactNode } from 'react';

/** What is missing and what to do next. An h2: it stands under the page's h1 or beside a card's h2, never skipping a level (axe heading-order). */
export function EmptyState({ title, description, action, icon }: { title: string; description: ReactNode; action?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center rounded-lg border-2 border-dashed border-slate-200 px-6 py-12 text-center">
      {icon && <div className="mb-3 text-slate-400">{icon}</div>}
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <p className="mt-1 max-w-md text-sm text-slate-500">{description}</p>
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}
