'use client';

import { useMemo, useState } from 'react';
import type { CameraDto } from '@/lib/domain/camera';

/** A searchable list of the agency's cameras for one tile; Escape or the close button leaves it unchanged. */
export function CameraPicker({ tile, cameras, current, onPick, onClose }: {
  tile: number;
  cameras: readonly CameraDto[];
  current: string | null;
  onPick: (cameraId: string) => void;
  onClose: () => void;
}) {
  const [q, setQ] = useState('');
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const list = needle ? cameras.filter((c) => c.name.toLowerCase().includes(needle)) : cameras;
    return [...list].sort((a, b) => a.name.localeCompare(b.name)).slice(0, 200);
  }, [cameras, q]);
  return (
    <div
      role="dialog"
      aria-label={`Choose the camera of tile ${tile + 1}`}
      data-testid="camera-picker"
      className="absolute inset-x-1 top-10 z-30 flex max-h-[calc(100%-3rem)] min-h-0 flex-col gap-1 rounded border border-line bg-panel/95 p-2 shadow-xl"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="flex gap-1">
        <input
          autoFocus
          type="search"
          aria-label="Search cameras"
          placeholder="Search cameras"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && shown[0] && onPick(shown[0].id)}
          className="h-8 min-w-0 flex-1 rounded border border-line bg-panel-raised px-2 text-xs pointer-coarse:h-11"
        />
        <button type="button" aria-label="Close camera list" onClick={onClose} className="h-8 min-w-8 rounded border border-line text-xs pointer-coarse:h-11 pointer-coarse:min-w-11">×</button>
      </div>
      <ul className="min-h-0 overflow-y-auto text-xs" aria-label="Cameras">
        {shown.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              aria-current={c.id === current}
              onClick={() => onPick(c.id)}
              className={`flex w-full items-center gap-2 rounded px-2 py-1 text-left hover:bg-panel-raised pointer-coarse:min-h-11 ${c.id === current ? 'text-accent' : ''}`}
            >
              <span className="min-w-0 flex-1 truncate">{c.name}</span>
              {c.ptz && <span className="text-[10px] text-ink-muted">PTZ</span>}
              {c.status !== 'online' && c.status !== 'unknown' && <span className="text-[10px] text-ink-muted">{c.status}</span>}
            </button>
          </li>
        ))}
        {!shown.length && <li className="px-2 py-1 text-ink-muted">No camera matches</li>}
      </ul>
    </div>
  );
}
