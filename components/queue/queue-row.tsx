'use client';

import Link from 'next/link';
import { memo } from 'react';
import type { IncidentDto } from '@/lib/domain/incident';
import { PriorityBadge } from '@/components/ui/badge';
import { followsHere, rememberOpening } from '@/components/incident/incident-opening';
import { WatchMark } from '@/components/teamwork/watch-mark';
import { formatAge, priorityOf } from './priority';

const SHOWN_REASONS = 2;

/**
 * Fixed row heights (the list is virtualised): header, title, address and two reason lines; one for a mouse, one
 * for touch (44 px title target).
 */
export const QUEUE_ROW_PX = { fine: 116, coarse: 140 } as const;

/** One queued incident. Memoised on the DTO object, which the store replaces only when that incident changes. */
export const QueueRow = memo(function QueueRow({
  incident,
  top,
  heightPx,
  selected,
  nowMs,
  onSelect,
}: {
  incident: IncidentDto;
  /** Offset in the virtualised list. */
  top: number;
  heightPx: number;
  selected: boolean;
  nowMs: number;
  onSelect: (id: string) => void;
}) {
  const p = priorityOf(incident.score);
  const extra = incident.reasons.length - SHOWN_REASONS;
  return (
    <li
      id={`queue-${incident.id}`}
      role="option"
      aria-selected={selected}
      data-testid="queue-item"
      data-incident-id={incident.id}
      data-priority={p}
      onClick={() => onSelect(incident.id)}
      style={{ transform: `translateY(${top}px)`, height: heightPx }}
      className={`absolute inset-x-0 top-0 cursor-pointer overflow-hidden border-b border-line/70 border-l-4 px-3 py-2 ${
        selected ? 'border-l-accent bg-panel-raised' : p === 1 ? 'border-l-danger' : p === 2 ? 'border-l-warn' : 'border-l-transparent'
      } hover:bg-panel-raised`}
    >
      <div className="flex items-center gap-2 text-xs">
        <PriorityBadge priority={p} />
        <span className="font-semibold tabular" title="Score">
          {incident.score}
        </span>
        <span className="truncate text-ink-muted tabular">#{incident.number}</span>
        {incident.status !== 'open' && <span className="rounded bg-line px-1.5 py-0.5 capitalize">{incident.status}</span>}
        <WatchMark incidentId={incident.id} />
        <time dateTime={incident.openedAt} className="ml-auto shrink-0 text-ink-muted" title="Open for" suppressHydrationWarning>
          {formatAge(incident.openedAt, nowMs)}
        </time>
      </div>
      <Link
        href={`/incidents/${incident.id}`}
        tabIndex={-1}
        className="mt-1 block truncate text-sm font-medium hover:underline pointer-coarse:min-h-11 pointer-coarse:content-center"
        onClick={(e) => {
          e.stopPropagation();
          // The workspace's first frame shows this row's incident at once (components/incident/incident-opening.tsx).
          if (followsHere(e)) rememberOpening(incident);
        }}
      >
        {incident.title}
      </Link>
      {incident.address && <p className="truncate text-xs text-ink-muted">{incident.address}</p>}
      <ul className="mt-1 space-y-0.5" aria-label="Why this priority">
        {incident.reasons.slice(0, SHOWN_REASONS).map((r, i) => (
          <li key={r.key} className="flex gap-2 text-xs text-ink-muted">
            <span className="w-7 shrink-0 text-right font-semibold text-ink tabular">+{r.weight}</span>
            <span className="truncate">{r.text}</span>
            {/* The rest on the workspace; the row keeps its fixed height. */}
            {extra > 0 && i === SHOWN_REASONS - 1 && <span className="ml-auto shrink-0">+{extra} more</span>}
          </li>
        ))}
      </ul>
    </li>
  );
});
