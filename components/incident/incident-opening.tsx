'use client';

import { useParams } from 'next/navigation';
import { useSyncExternalStore } from 'react';
import { useIncidentStore } from '@/components/live/socket-provider';
import { createValueStore } from '@/components/live/value-store';
import type { IncidentDto } from '@/lib/domain/incident';
import { IncidentHeader, PriorityReasons } from './incident-summary';

/**
 * Where the operator is going inside the live area, before the router has got there: the path, and for an incident
 * opened from a row that showed it (the queue) that incident. Set from the click or key itself, so the console's
 * shell (components/console/live-console-shell.tsx) shows the workspace's first frame, or the console again, in
 * that same event, not after the router's transition (which yields to the map's frames and waits for the server).
 */
export interface Going {
  path: string;
  incident: IncidentDto | null;
}

const going = createValueStore<Going | null>(null);
const opened = createValueStore<IncidentDto | null>(null);

export const goingStore = going;

/** An incident is being opened from a row that shows it: its first frame is shown at once. */
export function rememberOpening(incident: IncidentDto): void {
  opened.set(incident);
  going.set({ path: `/incidents/${incident.id}`, incident });
}

/** Back to the console: shown at once, the console is still mounted beneath the workspace. */
export function rememberLeaving(path: string): void {
  going.set({ path, incident: null });
}

/** A plain click follows the link in this tab; a modified or middle click opens another tab or window. */
export function followsHere(e: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

/**
 * The workspace's first frame (the route's loading state, app/(console)/(live)/incidents/[id]/loading.tsx): the
 * header, the priority reasons and the location from the incident the browser already holds (pushed by the socket,
 * or the queue row just tapped). Cameras, linked events, the timeline, teamwork and the actions follow with the page
 * (an audited read on the server). An incident the browser does not hold shows a plain "Opening…" until then.
 */
export function IncidentOpening() {
  const { id } = useParams<{ id: string }>();
  const pushed = useIncidentStore((s) => s.byId.get(id) ?? s.ended.get(id));
  const remembered = useSyncExternalStore(opened.subscribe, opened.get, () => null);
  const incident = pushed ?? (remembered?.id === id ? remembered : null);
  if (!incident) {
    return (
      <p className="p-6 text-sm text-ink-muted" aria-busy="true">
        Opening the incident…
      </p>
    );
  }
  return <IncidentFirstFrame incident={incident} />;
}

/** What the workspace shows of an incident before the server's detail is in. */
export function IncidentFirstFrame({ incident }: { incident: IncidentDto }) {
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="incident-workspace" data-incident-id={incident.id} data-status={incident.status} data-pending="true" aria-busy="true">
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
