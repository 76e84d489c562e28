'use client';

import dynamic from 'next/dynamic';
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

export function LiveMapLazy(props: LiveMapProps) {
  return <LiveMap {...props} />;
}
