import { LiveFeed } from '@/components/feed/live-feed';
import { GeofencePanel } from '@/components/map/geofence-panel';
import { GisLayerList } from '@/components/map/gis-layer-list';
import { LayerToggles } from '@/components/map/layer-toggles';
import { Legend } from '@/components/map/legend';
import { LiveMapLazy } from '@/components/map/live-map-lazy';
import { MapPanels } from '@/components/map/map-panels';
import { IncidentQueue } from '@/components/queue/incident-queue';
import { QUEUE_PAGE } from '@/components/queue/queue-query';
import { RewindBar } from '@/components/rewind/rewind-bar';
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

export default async function ConsolePage() {
  // Checked here too, not only in the layout: a page's payload can be requested on its own.
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
    // A phone (< 640 px) stacks the map above the queue and feed, each full width, instead of a 50 px map strip.
    <div className="flex h-full max-sm:flex-col">
      <div className="relative min-w-0 flex-1 max-sm:h-[45%] max-sm:flex-none">
        <LiveMapLazy styleUrl={styleUrl} home={home ?? WORLD_VIEW} basemap={basemap} credits={credits} neighbourhoods={neighbourhoods} canEditGeofences={canAdmin} />
        {canRewind && <RewindBar />}
        {/* Legend and layers side by side on a wall workstation; folded behind one button on a tablet (MapPanels). */}
        <MapPanels className="absolute bottom-8 left-3 z-10">
          <Legend />
          <LayerToggles />
          <GisLayerList canImport={canAdmin}>{canAdmin && <GeofencePanel />}</GisLayerList>
        </MapPanels>
      </div>
      {/* Queue above the feed: the queue is what operators act on, the feed is context for it. */}
      <aside className="flex w-[340px] shrink-0 flex-col border-l border-line bg-panel lg:w-[400px] max-sm:min-h-0 max-sm:w-full max-sm:flex-1 max-sm:border-t max-sm:border-l-0">
        <div className="min-h-0 flex-[3] border-b border-line">
          <IncidentQueue agencies={agencies} initialPage={firstPage} />
        </div>
        <div className="min-h-0 flex-[2]">
          <LiveFeed />
        </div>
      </aside>
    </div>
  );
}
