import { LiveFeed } from '@/components/feed/live-feed';
import { GeofencePanel } from '@/components/map/geofence-panel';
import { GisLayerList } from '@/components/map/gis-layer-list';
import { LayerToggles } from '@/components/map/layer-toggles';
import { Legend } from '@/components/map/legend';
import type { LiveMapProps } from '@/components/map/live-map';
import { LiveMapLazy } from '@/components/map/live-map-lazy';
import { MapPanels } from '@/components/map/map-panels';
import { IncidentQueue } from '@/components/queue/incident-queue';
import type { QueuePage } from '@/components/queue/queue-query';
import { RewindBar } from '@/components/rewind/rewind-bar';
import type { QueueAgency } from '@/lib/incidents/queue-agencies';

/** The live console: the map with its panels, the priority queue above the live feed. */
export function ConsoleView({ agencies, firstPage, canRewind, canAdmin, map }: { agencies: readonly QueueAgency[]; firstPage: QueuePage; canRewind: boolean; canAdmin: boolean; map: LiveMapProps }) {
  return (
    // A phone (< 640 px) stacks the map above the queue and feed, each full width, instead of a 50 px map strip; the
    // map 30 % of the height and the feed one share in six, so two incidents show whole in the queue.
    <div className="flex h-full max-sm:flex-col">
      <div className="relative min-w-0 flex-1 max-sm:h-[30%] max-sm:flex-none">
        <LiveMapLazy {...map} />
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
        <div className="min-h-0 flex-[3] border-b border-line max-sm:flex-[5]">
          <IncidentQueue agencies={agencies} initialPage={firstPage} />
        </div>
        <div className="min-h-0 flex-[2] max-sm:flex-[1]">
          <LiveFeed />
        </div>
      </aside>
    </div>
  );
}
