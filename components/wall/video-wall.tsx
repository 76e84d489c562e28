'use client';

import { ConnectionIndicator } from '@/components/live/connection-indicator';
import { useConnectionState } from '@/components/live/socket-provider';
import { priorityOf } from '@/components/queue/priority';
import { PriorityBadge } from '@/components/ui/badge';
import { WALL_LAYOUTS, type WallLayout } from '@/lib/domain/wall';
import { useIdle } from './use-idle-cursor';
import { useCameraIndex, useWall, useWallCameras } from './use-wall-cameras';
import { wallCommand } from './wall-api';
import { CONTROL, WallPresetBar } from './wall-preset-bar';
import { WallTile } from './wall-tile';

const GRID: Record<WallLayout, string> = { 1: 'grid-cols-1 grid-rows-1', 2: 'grid-cols-2 grid-rows-2', 3: 'grid-cols-3 grid-rows-3', 4: 'grid-cols-4 grid-rows-4' };

/**
 * The wall: an n×n grid of live tiles for the pushed or followed incident, or a loaded preset. Operators get
 * controls; a kiosk (`?kiosk=1`, or a wall device session) gets no chrome at all, a cursor that hides when idle,
 * and a connection badge only while the connection is not live.
 */
export function VideoWall({ canControl, kiosk }: { canControl: boolean; kiosk: boolean }) {
  const state = useWall();
  const names = useCameraIndex();
  const { incident, cameras } = useWallCameras(state);
  const connection = useConnectionState();
  const idle = useIdle(kiosk);
  const layout = state?.layout ?? 2;
  const tiles = Array.from({ length: layout * layout }, (_, i) => cameras[i] ?? null);
  const shownIds = tiles.flatMap((c) => (c ? [c.id] : []));
  const cameraList = [...names.values()];
  // Tiles fill in order: a camera picked for an empty tile goes to the first empty one. The pick becomes a
  // hand-picked set (leaves follow mode and any pushed incident), which "Save" keeps as a preset.
  const pick = (index: number, cameraId: string) => {
    const next = [...shownIds];
    if (index < next.length) next[index] = cameraId;
    else next.push(cameraId);
    void wallCommand({ cameraIds: next, mode: 'manual' });
  };

  return (
    <div
      className={`relative flex h-dvh flex-col bg-black ${idle ? 'cursor-none' : ''}`}
      data-testid="wall"
      data-kiosk={kiosk ? '1' : '0'}
      data-layout={layout}
      data-version={state?.version ?? ''}
      data-mode={state?.mode ?? ''}
      data-incident-id={incident?.id ?? ''}
    >
      {!kiosk && (
        <header className="flex min-h-11 shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-line bg-panel px-3 py-1">
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
          <div className="ml-auto flex flex-wrap items-center gap-2">
            {canControl && (
              <>
                <WallPresetBar layout={layout} cameraIds={shownIds} />
                {WALL_LAYOUTS.map((n) => (
                  <button
                    key={n}
                    type="button"
                    aria-pressed={layout === n}
                    onClick={() => void wallCommand({ layout: n })}
                    className={`${CONTROL} font-semibold ${layout === n ? 'border-accent text-ink' : 'border-line text-ink-muted'}`}
                  >
                    {n}×{n}
                  </button>
                ))}
                <button
                  type="button"
                  aria-pressed={state?.mode === 'follow'}
                  onClick={() => void wallCommand({ mode: state?.mode === 'follow' ? 'manual' : 'follow' })}
                  className={`${CONTROL} font-semibold ${state?.mode === 'follow' ? 'border-accent text-ink' : 'border-line text-ink-muted'}`}
                >
                  Follow top incident
                </button>
              </>
            )}
            <ConnectionIndicator />
          </div>
        </header>
      )}
      <main className={`grid min-h-0 flex-1 gap-1 p-1 ${GRID[layout]}`}>
        {tiles.map((cam, i) => (
          <WallTile key={cam ? `${cam.id}-${i}` : `empty-${i}`} index={i} camera={cam} info={cam ? names.get(cam.id) : undefined} cameras={cameraList} canControl={canControl} onPick={pick} />
        ))}
      </main>
      {/* A kiosk has nobody to click anything: it only says when the picture may be stale, and reconnects by itself. */}
      {kiosk && connection !== 'live' && (
        <div className="pointer-events-none absolute top-2 right-2">
          <ConnectionIndicator />
        </div>
      )}
    </div>
  );
}
