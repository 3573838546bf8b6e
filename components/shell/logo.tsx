import { useTranslations } from 'next-intl';

export function Logo({ inverted = false }: { inverted?: boolean }) {
  const t = useTranslations('shell');
  return (
    <div className="flex items-center gap-2.5">
      <span className={`grid size-8 place-items-center rounded-lg ${inverted ? 'bg-white/15 ring-1 ring-white/30' : 'bg-indigo-600'}`}>
        <svg viewBox="0 0 24 24" className="size-5 text-white" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <path d="M3 12h3l3-7 4 14 3-7h5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </span>
      <span className={`text-sm font-semibold tracking-tight ${inverted ? 'text-white' : 'text-slate-900'}`}>
        {t('brand')}
      </span>
    </div>
  );
}
