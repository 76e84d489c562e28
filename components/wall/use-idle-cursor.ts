'use client';

import { useEffect, useState } from 'react';

/**
 * True after `ms` without pointer or key activity: the kiosk hides the cursor so it does not sit on a tile all
 * shift; any movement brings it back.
 */
export function useIdle(enabled: boolean, ms = 3000): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let timer = setTimeout(() => setIdle(true), ms);
    const wake = () => {
      clearTimeout(timer);
      setIdle(false);
      timer = setTimeout(() => setIdle(true), ms);
    };
    const events = ['pointermove', 'pointerdown', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, wake, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, wake);
    };
  }, [enabled, ms]);
  return enabled && idle;
}
