import type { ReactNode } from 'react';

type Tone = 'danger' | 'warn' | 'neutral';

const TONE_CLASS: Record<Tone, string> = {
  danger: 'border-danger/60 bg-danger/15 text-red-200',
  warn: 'border-warn/60 bg-warn/15 text-amber-100',
  neutral: 'border-line bg-panel-raised text-ink-muted',
};

export function Badge({ tone = 'neutral', title, children }: { tone?: Tone; title?: string; children: ReactNode }) {
  return (
    <span
      title={title}
      className={`inline-flex shrink-0 items-center rounded border px-1.5 py-0.5 text-xs leading-none font-semibold tabular ${TONE_CLASS[tone]}`}
    >
      {children}
    </span>
  );
}

/** Priority 1 is the most urgent (ingest validates 1–5); null means the source gave none. */
export function PriorityBadge({ priority }: { priority: number | null }) {
  if (priority === null) return null;
  const tone: Tone = priority <= 1 ? 'danger' : priority === 2 ? 'warn' : 'neutral';
  return (
    <Badge tone={tone} title={`Priority ${priority}`}>
      P{priority}
    </Badge>
  );
}
