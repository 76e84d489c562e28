'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { priorityOf } from '@/components/queue/priority';
import { followsHere, rememberLeaving } from './incident-opening';
import { PriorityBadge } from '@/components/ui/badge';
import type { IncidentDto } from '@/lib/domain/incident';

/** Who closed it, as the status badge says it. */
const CLOSED_BY: Record<string, string> = { cad: 'by CAD', stale: 'stale: no new reports', operator: 'by an operator' };

/**
 * The workspace's header: back to the console, what the incident is and where it stands; `children` are the
 * actions. Shared by the workspace and its first frame (incident-opening.tsx), which shows the same header from the
 * incident the browser already holds while the rest is read.
 */
export function IncidentHeader({ incident, children }: { incident: IncidentDto; children?: ReactNode }) {
  return (
    <header className="flex flex-wrap items-center gap-3 border-b border-line bg-panel px-4 py-3">
      {/* The console is still mounted beneath the workspace: shown at once, in this click. */}
      <Link href="/" onClick={(e) => followsHere(e) && rememberLeaving('/')} className="inline-flex items-center rounded border border-line px-3 py-2 text-sm text-ink-muted hover:text-ink pointer-coarse:min-h-11">
        ← Console
      </Link>
      <PriorityBadge priority={priorityOf(incident.score)} />
      <div className="min-w-0">
        <h1 className="truncate text-lg font-semibold">{incident.title}</h1>
        <p className="text-xs text-ink-muted tabular">
          #{incident.number} · {incident.typeCode} · score {incident.score} · opened {new Date(incident.openedAt).toLocaleString()}
        </p>
      </div>
      <span data-testid="incident-status" className="rounded bg-line px-2 py-1 text-sm font-semibold capitalize">
        {incident.status}
        {incident.closedBy && incident.status !== 'merged' ? <span className="normal-case"> · {CLOSED_BY[incident.closedBy] ?? incident.closedBy}</span> : null}
      </span>
      {incident.cadStatus ? (
        <span data-testid="incident-cad-status" className="rounded bg-line px-2 py-1 text-sm" title="Status of its CAD incident">
          CAD: {incident.cadStatus.replace('_', ' ')}
        </span>
      ) : null}
      {children}
    </header>
  );
}

/** Why it ranks where it does, and where it is. */
export function PriorityReasons({ incident }: { incident: IncidentDto }) {
  return (
    <div className="rounded border border-line bg-panel p-3">
      <h2 className="mb-2 text-sm font-semibold tracking-wide uppercase">Why priority {priorityOf(incident.score)}</h2>
      <ul className="space-y-1" data-testid="incident-reasons">
        {incident.reasons.map((r) => (
          <li key={r.key} className="flex gap-3 text-sm">
            <span className="w-10 shrink-0 text-right font-semibold tabular">+{r.weight}</span>
            <span>{r.text}</span>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-xs text-ink-muted tabular">
        Location: {incident.address ?? 'no address'}
        {incident.lat !== null && incident.lon !== null && ` · ${incident.lat.toFixed(5)}, ${incident.lon.toFixed(5)}`}
      </p>
    </div>
  );
}
