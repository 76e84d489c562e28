import { redirect } from 'next/navigation';
import { LiveFeed } from '@/components/feed/live-feed';
import { Legend } from '@/components/map/legend';
import { LiveMapLazy } from '@/components/map/live-map-lazy';
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
      </div>
      <aside className="w-[360px] shrink-0 border-l border-line bg-panel">
        <LiveFeed />
      </aside>
    </div>
  );
}
