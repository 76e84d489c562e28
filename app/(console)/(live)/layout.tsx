import type { ReactNode } from 'react';
import { ConsoleView } from '@/components/console/console-view';
import { LiveConsoleShell } from '@/components/console/live-console-shell';
import { QUEUE_PAGE } from '@/components/queue/queue-query';
import { WORLD_VIEW } from '@/lib/domain/agency';
import { agencyHomeView } from '@/lib/agencies/agency-rows';
import { agencyBasemapForMap } from '@/lib/maps/agency-basemap';
import { basemapFor, BUILTIN_CONTEXT_CREDIT } from '@/lib/maps/basemaps';
import { mapCredits } from '@/lib/maps/map-credits';
import { listIncidents, ZIncidentListQuery } from '@/lib/incidents/list-incidents';
import { queueAgencies } from '@/lib/incidents/queue-agencies';
import { authorize } from '@/lib/policy/authorize';
import { requirePageUser } from '@/lib/policy/require-page-user';
import { runtime } from '@/lib/platform/runtime';

/**
 * The live console (map, queue, feed) and the incident workspace under one layout: the console is mounted once and
 * kept while an operator opens incidents (/incidents/[id]) and comes back, so the map is not torn down and drawn
 * again, the queue is not read again and the socket's stores stay as they were. A layout is not run again on a
 * client navigation between its pages: opening an incident renders only the workspace on the server. The workspace
 * covers the console (components/console/live-console-shell.tsx), which stays mounted, hidden and inert, beneath it.
 */
export default async function LiveLayout({ children }: { children: ReactNode }) {
  // The gate for the console's data, here and not in a page: a layout's payload can be requested on its own.
  const user = await requirePageUser('/');
  // Rewind reads history: only roles that may search it get the slider (the API refuses the others anyway).
  const canRewind = authorize(user, 'search.run').allow;
  // Administrators import GIS layers and draw geofences from the map.
  const canAdmin = authorize(user, 'admin.manage').allow;
  const pool = runtime().pool;
  const [agencies, home, own, firstPage] = await Promise.all([
    // Own agency first, then partners sharing with it: the queue offers an agency filter when there is more than one.
    queueAgencies(pool, user),
    // The map opens on the user's own agency (its home view, else its jurisdiction), never on another city.
    agencyHomeView(pool, user.agencyId),
    agencyBasemapForMap(pool, user.agencyId),
    // The queue's first page comes with the console (GET /api/incidents as the queue would ask it): the first rows
    // show without waiting for the scripts and then for a request of their own.
    listIncidents(pool, user, ZIncidentListQuery.parse({ status: 'active', limit: QUEUE_PAGE })),
  ]);
  // The street map: the agency's own upload, else MAP_STYLE_URL (the operator's own tile server, read per request so
  // it needs no rebuild), else the bundled one covering its home view (none for an agency elsewhere: no other city's
  // streets).
  const bundled = basemapFor(home);
  const styleUrl = own ? undefined : process.env.MAP_STYLE_URL?.trim() || undefined;
  const basemap = own ?? (styleUrl ? null : bundled);
  // The SF neighbourhood outlines come with the bundled SF street map, for an agency in San Francisco only.
  const neighbourhoods = bundled?.id === 'sf';
  const credits = await mapCredits(pool, user.agencyId, basemap, neighbourhoods ? BUILTIN_CONTEXT_CREDIT : null);
  return (
    <LiveConsoleShell
      console={
        <ConsoleView
          agencies={agencies}
          firstPage={firstPage}
          canRewind={canRewind}
          canAdmin={canAdmin}
          map={{ styleUrl, home: home ?? WORLD_VIEW, basemap, credits, neighbourhoods, canEditGeofences: canAdmin }}
        />
      }
    >
      {children}
    </LiveConsoleShell>
  );
}
