'use client';

import { useEffect, useState } from 'react';
import { useIncidentStore, useLiveStores, useWallState } from '@/components/live/socket-provider';
import { ZCameraDto, type CameraDto } from '@/lib/domain/camera';
import { ZIncidentDetailDto, type IncidentDto } from '@/lib/domain/incident';
import { ZWallStateDto, type WallStateDto } from '@/lib/domain/wall';

/** Safety net beside the `wall` socket message: a wall must catch up even if a push was lost. */
const POLL_MS = 5000;

/** The stored wall state: the socket's `wall` messages, plus a poll of GET /api/wall. */
export function useWall(): WallStateDto | null {
  const { wall } = useLiveStores();
  useEffect(() => {
    let stop = false;
    const poll = async () => {
      try {
        const res = await fetch('/api/wall', { cache: 'no-store' });
        const p = ZWallStateDto.safeParse(res.ok ? await res.json() : null);
        const cur = wall.get();
        if (!stop && p.success && (!cur || p.data.version >= cur.version)) wall.set(p.data);
      } catch {
        // Network down: the connection indicator says so; keep polling.
      }
    };
    void poll();
    const t = setInterval(poll, POLL_MS);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [wall]);
  return useWallState();
}

/** The agency's cameras by id (names for the tiles). */
export function useCameraIndex(): ReadonlyMap<string, CameraDto> {
  const [index, setIndex] = useState<ReadonlyMap<string, CameraDto>>(new Map());
  useEffect(() => {
    void fetch('/api/cameras', { cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { cameras?: unknown[] } | null) => {
        const list = (body?.cameras ?? []).flatMap((c) => {
          const p = ZCameraDto.safeParse(c);
          return p.success ? [p.data] : [];
        });
        setIndex(new Map(list.map((c) => [c.id, c])));
      })
      .catch(() => {});
  }, []);
  return index;
}

/**
 * Which incident the wall shows and its cameras: the pushed incident (manual), or the agency's top open incident
 * (follow), refetched when that incident changes. Without an incident: the pushed camera ids.
 */
export function useWallCameras(state: WallStateDto | null): { incident: IncidentDto | null; cameras: { id: string; name: string }[] } {
  const top = useIncidentStore((s) => s.sorted[0] ?? null);
  const pinnedLive = useIncidentStore((s) => (state?.incidentId ? (s.byId.get(state.incidentId) ?? null) : null));
  const follow = state?.mode === 'follow';
  const incidentId = follow ? (top?.id ?? null) : (state?.incidentId ?? null);
  const changeKey = follow ? `${top?.id}:${top?.lastSeq}` : `${state?.incidentId}:${pinnedLive?.lastSeq}:${state?.version}`;
  const [detail, setDetail] = useState<{ incident: IncidentDto; cameras: { id: string; name: string }[] } | null>(null);

  useEffect(() => {
    if (!incidentId) return;
    const ctl = new AbortController();
    void fetch(`/api/incidents/${incidentId}`, { signal: ctl.signal, cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: unknown) => {
        const p = ZIncidentDetailDto.safeParse(body);
        if (p.success) setDetail({ incident: p.data.incident, cameras: p.data.cameras });
      })
      .catch(() => {});
    return () => ctl.abort();
  }, [incidentId, changeKey]);

  if (incidentId && detail?.incident.id === incidentId) {
    return { incident: (follow ? top : pinnedLive) ?? detail.incident, cameras: detail.cameras };
  }
  return { incident: null, cameras: incidentId ? [] : (state?.cameraIds ?? []).map((id) => ({ id, name: '' })) };
}
