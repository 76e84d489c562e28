import type { ReactNode } from 'react';

export function Card({ title, note, children, testId }: { title: string; note?: string; children: ReactNode; testId?: string }) {
  return (
    <section className="flex min-w-0 flex-col gap-2 rounded-md border border-line bg-panel p-3 break-inside-avoid" data-testid={testId} aria-label={title}>
      <header className="flex items-baseline gap-2">
        <h2 className="text-sm font-semibold tracking-wide uppercase">{title}</h2>
        {note && <span className="text-xs text-ink-muted">{note}</span>}
      </header>
      {children}
    </section>
  );
}

const TONE = { danger: 'border-danger/70 text-danger', warn: 'border-warn/70 text-warn', ok: 'border-ok/70 text-ok', accent: 'border-accent/70 text-accent', muted: 'border-line text-ink' } as const;
export type Tone = keyof typeof TONE;

/** A figure you can tap to see what is behind it (≥ 44 px). */
export function Tile({ label, value, tone = 'muted', onClick, testId }: { label: string; value: string | number; tone?: Tone; onClick?: () => void; testId?: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={!onClick}
      data-testid={testId}
      className={`flex min-h-16 min-w-0 flex-1 flex-col items-start justify-center rounded border bg-panel-raised px-3 py-2 text-left enabled:hover:bg-line/40 ${TONE[tone]}`}
    >
      <span className="text-2xl leading-none font-bold tabular">{value}</span>
      <span className="mt-1 text-xs text-ink-muted">{label}</span>
    </button>
  );
}

export const fmtSeconds = (s: number | null) => (s === null ? '—' : s < 120 ? `${s} s` : `${(s / 60).toFixed(1)} min`);
export const PRIORITY_COLORS = ['#f87171', '#fbbf24', '#38bdf8', '#94a3b8'];
