'use client';

import { useEffect, useState } from 'react';
import type { CameraVideoHealth } from '@/lib/domain/camera';

/**
 * The camera's health as the server saw it (last frame, why it failed), asked for when the tile loses the picture
 * and again at each retry (`attempt`), so "No signal" says since when. Not polled while the tile plays.
 */
export function useCameraHealth(cameraId: string, enabled: boolean, attempt: number): CameraVideoHealth | null {
  const [health, setHealth] = useState<CameraVideoHealth | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void fetch(`/api/cameras/${encodeURIComponent(cameraId)}/health`, { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<CameraVideoHealth>) : null))
      .then((h) => !cancelled && setHealth(h))
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [cameraId, enabled, attempt]);
  return health;
}

/** "12:03:04" in the viewer's time, or null. */
export function clockOf(iso: string | null): string | null {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : null;
}
