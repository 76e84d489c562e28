import { redirect } from 'next/navigation';
import { LiveFeed } from '@/components/feed/live-feed';
import { LayerToggles } from '@/components/map/layer-toggles';
import { Legend } from '@/components/map/legend';
import { LiveMapLazy } from '@/components/map/live-map-lazy';
import { IncidentQueue } from '@/components/queue/incident-queue';
import { getCurrentUser } from '@/lib/auth/current-user';

export default async function ConsolePage() {
  // Checked here too, not only in the layout: a page's payload can be requested on its own.
  if (!(await getCurrentUser())) redirect('/login');
  // Read per request (the route is dynamic through the session cookie), so an agency can point the
  // console at its own tile server without rebuilding. Blank means the offline default style.
  const styleUrl = process.env.MAP_STYLE_URL?.trim() || undefined;

  return (
    <div className="flex h-full">
      <div className="relative min-w-0 flex-1">
        <LiveMapLazy styleUrl={styleUrl} />
        <Legend className="absolute bottom-8 left-3" />
        <LayerToggles className="absolute bottom-8 left-[230px] max-lg:bottom-[184px] max-lg:left-3" />
      </div>
      {/* Queue above the feed: the queue is what operators act on, the feed is context for it. */}
      <aside className="flex w-[340px] shrink-0 flex-col border-l border-line bg-panel lg:w-[400px]">
        <div className="min-h-0 flex-[3] border-b border-line">
          <IncidentQueue />
        </div>
        <div className="min-h-0 flex-[2]">
          <LiveFeed />
        </div>
      </aside>
    </div>
  );
}
