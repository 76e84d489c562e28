'use client';

import { useParams } from 'next/navigation';
import { useSyncExternalStore } from 'react';
import { useIncidentStore } from '@/components/live/socket-provider';
import { createValueStore } from '@/components/live/value-store';
import type { IncidentDto } from '@/lib/domain/incident';
import { IncidentHeader, PriorityReasons } from './incident-summary';

/** The incident an operator just opened from a row that showed it (the queue), before the store may hold it. */
const opening = createValueStore<IncidentDto | null>(null);

export function rememberOpening(incident: IncidentDto): void {
  opening.set(incident);
}

/**
 * The workspace's first frame (the route's loading state, app/(console)/incidents/[id]/loading.tsx): the header,
 * the priority reasons and the location from the incident the browser already holds (pushed by the socket, or the
 * queue row just tapped), shown as soon as the link is followed. Cameras, linked events, the timeline, teamwork and
 * the actions follow with the page (an audited read on the server). An incident the browser does not hold shows a
 * plain "Opening…" until then.
 */
export function IncidentOpening() {
  const { id } = useParams<{ id: string }>();
  const pushed = useIncidentStore((s) => s.byId.get(id) ?? s.ended.get(id));
  const remembered = useSyncExternalStore(opening.subscribe, opening.get, () => null);
  const incident = pushed ?? (remembered?.id === id ? remembered : null);
  if (!incident) {
    return (
      <p className="p-6 text-sm text-ink-muted" aria-busy="true">
        Opening the incident…
      </p>
    );
  }
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="incident-workspace" data-incident-id={id} data-status={incident.status} data-pending="true" aria-busy="true">
      <IncidentHeader incident={incident}>
        <p className="ml-auto inline-flex min-h-11 items-center text-sm text-ink-muted">Loading actions…</p>
      </IncidentHeader>
      <div className="grid min-h-0 flex-1 grid-cols-1 overflow-y-auto lg:grid-cols-[minmax(0,1fr)_380px] lg:overflow-hidden">
        <section aria-label="Cameras and reasons" className="flex flex-col gap-3 p-3 lg:min-h-0 lg:overflow-y-auto">
          <p className="rounded border border-line p-6 text-center text-sm text-ink-muted">Loading cameras…</p>
          <PriorityReasons incident={incident} />
        </section>
        <p className="border-l border-line bg-panel p-3 text-sm text-ink-muted">Loading linked events and timeline…</p>
      </div>
    </div>
  );
}
