'use client';

import { ConnectionIndicator } from '@/components/live/connection-indicator';
import { priorityOf } from '@/components/queue/priority';
import { PriorityBadge } from '@/components/ui/badge';
import { HlsPlayer } from '@/components/video/hls-player';
import { WALL_LAYOUTS, type WallCommand, type WallLayout } from '@/lib/domain/wall';
import { useCameraIndex, useWall, useWallCameras } from './use-wall-cameras';

const GRID: Record<WallLayout, string> = { 1: 'grid-cols-1 grid-rows-1', 2: 'grid-cols-2 grid-rows-2', 3: 'grid-cols-3 grid-rows-3', 4: 'grid-cols-4 grid-rows-4' };

async function command(c: WallCommand): Promise<void> {
  await fetch('/api/wall', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c) }).catch(() => {});
}

/** The wall: an n×n grid of live tiles for the pushed or followed incident; controls for operators, none in kiosk mode. */
export function VideoWall({ canControl }: { canControl: boolean }) {
  const state = useWall();
  const names = useCameraIndex();
  const { incident, cameras } = useWallCameras(state);
  const layout = state?.layout ?? 2;
  const tiles = Array.from({ length: layout * layout }, (_, i) => cameras[i] ?? null);

  return (
    <div className="flex h-dvh flex-col bg-black" data-testid="wall" data-mode={state?.mode ?? ''} data-incident-id={incident?.id ?? ''}>
      <header className="flex h-11 shrink-0 items-center gap-3 border-b border-line bg-panel px-3">
        <span className="font-bold tracking-[0.2em] text-accent">WALL</span>
        {incident ? (
          <p className="flex min-w-0 items-center gap-2 text-sm" data-testid="wall-incident">
            <PriorityBadge priority={priorityOf(incident.score)} />
            <span className="truncate font-semibold">{incident.title}</span>
            <span className="text-ink-muted tabular">#{incident.number}</span>
          </p>
        ) : (
          <p className="text-sm text-ink-muted">{state?.mode === 'follow' ? 'Following the top incident: none open' : 'Cameras'}</p>
        )}
        <div className="ml-auto flex items-center gap-2">
          {canControl && (
            <>
              {WALL_LAYOUTS.map((n) => (
                <button
                  key={n}
                  type="button"
                  aria-pressed={layout === n}
                  onClick={() => void command({ layout: n })}
                  className={`h-8 pointer-coarse:h-11 rounded border px-2 text-xs font-semibold ${layout === n ? 'border-accent text-ink' : 'border-line text-ink-muted'}`}
                >
                  {n}×{n}
                </button>
              ))}
              <button
                type="button"
                aria-pressed={state?.mode === 'follow'}
                onClick={() => void command({ mode: state?.mode === 'follow' ? 'manual' : 'follow' })}
                className={`h-8 pointer-coarse:h-11 rounded border px-2 text-xs font-semibold ${state?.mode === 'follow' ? 'border-accent text-ink' : 'border-line text-ink-muted'}`}
              >
                Follow top incident
              </button>
            </>
          )}
          <ConnectionIndicator />
        </div>
      </header>
      <main className={`grid min-h-0 flex-1 gap-1 p-1 ${GRID[layout]}`}>
        {tiles.map((cam, i) =>
          cam ? (
            <HlsPlayer key={`${cam.id}-${i}`} cameraId={cam.id} name={cam.name || names.get(cam.id)?.name || 'Camera'} className="size-full min-h-0" />
          ) : (
            <div key={`empty-${i}`} className="grid min-h-0 place-items-center bg-panel text-xs text-ink-muted">
              —
            </div>
          ),
        )}
      </main>
    </div>
  );
}
