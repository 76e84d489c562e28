'use client';

import { usePathname } from 'next/navigation';
import { createContext, use, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { goingStore, IncidentFirstFrame } from '@/components/incident/incident-opening';

/** Whether the live console is what the operator sees (not covered by an incident's workspace). */
const ConsoleShown = createContext(true);

/** False while an incident's workspace covers the console: its keys (j/k/Enter…) must not act on a hidden queue. */
export function useConsoleShown(): boolean {
  return use(ConsoleShown);
}

/**
 * The console (map, queue, feed) stays mounted for the whole live area; an incident's workspace (the layout's page,
 * /incidents/[id]) covers it. Hidden with `visibility: hidden`, not unmounted and not `display: none`: the map keeps
 * its size (no resize and full redraw on the way back), its WebGL context, its tiles and its live layers; the queue
 * keeps its rows, filter, selection and scroll. `inert` keeps focus, clicks and screen readers out of it meanwhile.
 *
 * A click on a queue row or on "← Console" says where it goes (incident-opening.tsx) before the router gets there:
 * the workspace's first frame, or the console, is shown in that click's own render; the route's page replaces it
 * when the router arrives.
 */
export function LiveConsoleShell({ console: view, children }: { console: ReactNode; children: ReactNode }) {
  const pathname = usePathname();
  const going = useSyncExternalStore(goingStore.subscribe, goingStore.get, () => null);
  // The router has arrived (or gone elsewhere): the route's own page is what shows.
  useEffect(() => goingStore.set(null), [pathname]);
  const path = going?.path ?? pathname;
  const shown = path === '/';
  const early = going && going.path !== pathname ? going.incident : null;
  return (
    <ConsoleShown value={shown}>
      <div className="relative h-full print:h-auto">
        <div className={shown ? 'h-full' : 'invisible h-full print:hidden'} inert={!shown} data-testid="live-console" data-shown={shown}>
          {view}
        </div>
        {/* The page: nothing on the console itself, the incident workspace on /incidents/[id]. */}
        <div className={shown ? 'hidden' : 'absolute inset-0 z-20 bg-canvas print:static'}>
          {/* Before the router is there `children` is still the console's own (empty) page. */}
          {early && <IncidentFirstFrame incident={early} />}
          {children}
        </div>
      </div>
    </ConsoleShown>
  );
}
