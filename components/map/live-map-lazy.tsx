'use client';

import dynamic from 'next/dynamic';
import { useMemo, useState } from 'react';
import { useConsoleShown } from '@/components/console/live-console-shell';
import type { LiveMapProps } from './live-map';

/**
 * MapLibre and deck.gl touch `window` and WebGL at import time, and are ~1.5 MB of JS the login page
 * never needs: load them in the browser only, in their own chunk. `ssr: false` is only allowed from
 * a Client Component, hence this wrapper.
 */
const LiveMap = dynamic(() => import('./live-map'), {
  ssr: false,
  loading: () => (
    <div className="absolute inset-0 grid place-items-center bg-[#070b12] text-sm text-ink-muted" aria-busy="true">
      Loading map…
    </div>
  ),
});

/**
 * The map lives in the console's layout and is kept for the whole session in the live area. A layout's props are
 * new objects whenever the server renders it again (router.refresh()), and the map is built anew when its props
 * change identity: the same values keep the same objects, so only a real change (another street map) rebuilds it.
 */
export function LiveMapLazy(props: LiveMapProps) {
  // An incident's address opened directly has the console beneath it, hidden: the map starts once the console is first
  // shown, not behind the workspace (on a software renderer its first frames hold the page for seconds). Then it stays.
  const shown = useConsoleShown();
  const [started, setStarted] = useState(shown);
  if (shown && !started) setStarted(true);
  // Plain data from the server (strings, numbers, lists): its JSON is its identity.
  const key = JSON.stringify(props);
  const stable = useMemo(() => JSON.parse(key) as LiveMapProps, [key]);
  return started ? <LiveMap {...stable} /> : null;
}
