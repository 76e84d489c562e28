'use client';

import { useState } from 'react';
import { HlsPlayer } from '@/components/video/hls-player';
import type { CameraDto } from '@/lib/domain/camera';
import { cameraFromDrop, CAMERA_DRAG_TYPE } from './camera-drag';
import { CameraPicker } from './camera-picker';
import { PtzControls } from './ptz-controls';

const CHIP = 'h-8 rounded border border-line bg-panel/90 px-2 text-xs pointer-coarse:h-11';

/**
 * One wall tile: its live camera and, for operators, a camera picker (a list, or a camera dropped on it from the
 * map) and PTZ controls when the camera is a PTZ camera. Controls show on hover or focus (always on touch screens).
 */
export function WallTile({ index, camera, info, cameras, canControl, onPick }: {
  index: number;
  camera: { id: string; name: string } | null;
  info: CameraDto | undefined;
  cameras: readonly CameraDto[];
  canControl: boolean;
  onPick: (index: number, cameraId: string) => void;
}) {
  const [picking, setPicking] = useState(false);
  const [ptz, setPtz] = useState(false);
  const [over, setOver] = useState(false);
  const name = camera ? camera.name || info?.name || 'Camera' : '';
  const drop = canControl
    ? {
        onDragOver: (e: React.DragEvent) => {
          if (!e.dataTransfer.types.includes(CAMERA_DRAG_TYPE)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        },
        onDragLeave: () => setOver(false),
        onDrop: (e: React.DragEvent) => {
          setOver(false);
          const id = cameraFromDrop(e.dataTransfer);
          if (!id) return;
          e.preventDefault();
          onPick(index, id);
        },
      }
    : {};
  return (
    <div
      className={`group relative min-h-0 ${over ? 'outline-2 outline-accent' : ''}`}
      data-testid="wall-tile"
      data-tile={index}
      data-camera-id={camera?.id ?? ''}
      {...drop}
    >
      {camera ? (
        <HlsPlayer key={camera.id} cameraId={camera.id} name={name} className="size-full min-h-0" />
      ) : (
        <div className="grid size-full place-items-center bg-panel text-xs text-ink-muted">{canControl ? 'Drop a camera here or choose one' : '—'}</div>
      )}
      {canControl && (
        <>
          <div className="absolute top-1 right-1 z-20 flex gap-1 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 pointer-coarse:opacity-100">
            {camera && info?.ptz && (
              <button type="button" aria-pressed={ptz} aria-label={`PTZ controls of ${name}`} onClick={() => setPtz((v) => !v)} className={`${CHIP} ${ptz ? 'border-accent' : ''}`}>
                PTZ
              </button>
            )}
            <button type="button" aria-label={`Choose the camera of tile ${index + 1}`} aria-expanded={picking} onClick={() => setPicking((v) => !v)} className={CHIP}>
              Camera ▾
            </button>
          </div>
          {picking && (
            <CameraPicker
              tile={index}
              cameras={cameras}
              current={camera?.id ?? null}
              onClose={() => setPicking(false)}
              onPick={(id) => {
                setPicking(false);
                onPick(index, id);
              }}
            />
          )}
          {ptz && camera && info?.ptz && !picking && (
            <div className="absolute right-1 bottom-1 z-20">
              <PtzControls cameraId={camera.id} name={name} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
