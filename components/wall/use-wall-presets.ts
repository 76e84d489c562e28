'use client';

import { useCallback, useEffect, useState } from 'react';
import type { WallPresetDto } from '@/lib/domain/wall';
import { fetchWallPresets } from './wall-api';

/** The agency's wall presets; `refresh` after a change here (another console's change shows on the next refresh). */
export function useWallPresets(): { presets: WallPresetDto[]; refresh: () => void } {
  const [presets, setPresets] = useState<WallPresetDto[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    void fetchWallPresets(ctl.signal).then((list) => {
      if (list && !ctl.signal.aborted) setPresets(list);
    });
    return () => ctl.abort();
  }, [tick]);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { presets, refresh };
}
