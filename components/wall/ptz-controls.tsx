'use client';

import { useEffect, useRef, useState } from 'react';
import type { PtzPresetDto } from '@/lib/domain/ptz';
import { fetchPtzPresets, ptzGoto, ptzMove, ptzStop } from './ptz-api';

const SPEED = 0.5;
const PAD = 'grid size-8 place-items-center rounded border border-line bg-panel/90 text-sm pointer-coarse:size-11 active:border-accent';

/** Press-and-hold buttons: a continuous move while held, Stop on release (the camera also stops by itself after 5 s). */
type Velocity = { pan?: number; tilt?: number; zoom?: number };

function HoldButton({ label, symbol, v, onStart, onEnd }: { label: string; symbol: string; v: Velocity; onStart: (v: Velocity) => void; onEnd: () => void }) {
  const held = useRef(false);
  const end = () => {
    if (!held.current) return;
    held.current = false;
    onEnd();
  };
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={PAD}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        held.current = true;
        onStart(v);
      }}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
      onKeyDown={(e) => {
        if ((e.key === 'Enter' || e.key === ' ') && !held.current && !e.repeat) {
          held.current = true;
          onStart(v);
        }
      }}
      onKeyUp={end}
      onBlur={end}
    >
      {symbol}
    </button>
  );
}

/**
 * Pan, tilt, zoom and presets of one PTZ tile. Presets are asked for when the panel opens; the camera's address
 * and credentials never reach the browser (every command goes through /api/cameras/[id]/ptz/…).
 */
export function PtzControls({ cameraId, name }: { cameraId: string; name: string }) {
  const [presets, setPresets] = useState<PtzPresetDto[] | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    const ctl = new AbortController();
    void fetchPtzPresets(cameraId, ctl.signal).then((r) => {
      if (ctl.signal.aborted) return;
      if (typeof r === 'string') setStatus(r);
      else setPresets(r);
    });
    return () => ctl.abort();
  }, [cameraId]);
  // Commands go one after another: a Stop sent on a quick release must not overtake its move on another connection.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const run = (label: string, send: () => Promise<string | null>) => {
    queue.current = queue.current.then(async () => {
      const err = await send();
      setStatus(err ? `${label}: ${err}` : '');
    });
  };
  const move = (v: Velocity) => run('Move', () => ptzMove(cameraId, v));
  const stop = () => run('Stop', () => ptzStop(cameraId));

  return (
    <div role="group" aria-label={`PTZ ${name}`} data-testid="ptz-controls" className="flex flex-col items-end gap-1">
      <div className="grid grid-cols-3 gap-0.5">
        <span />
        <HoldButton label="Tilt up" symbol="▲" v={{ tilt: SPEED }} onStart={move} onEnd={stop} />
        <span />
        <HoldButton label="Pan left" symbol="◀" v={{ pan: -SPEED }} onStart={move} onEnd={stop} />
        <button type="button" aria-label="Stop" title="Stop" className={PAD} onClick={stop}>■</button>
        <HoldButton label="Pan right" symbol="▶" v={{ pan: SPEED }} onStart={move} onEnd={stop} />
        <HoldButton label="Zoom out" symbol="−" v={{ zoom: -SPEED }} onStart={move} onEnd={stop} />
        <HoldButton label="Tilt down" symbol="▼" v={{ tilt: -SPEED }} onStart={move} onEnd={stop} />
        <HoldButton label="Zoom in" symbol="+" v={{ zoom: SPEED }} onStart={move} onEnd={stop} />
      </div>
      <select
        aria-label={`Preset of ${name}`}
        className="h-8 max-w-40 rounded border border-line bg-panel/90 px-1 text-xs pointer-coarse:h-11"
        value=""
        disabled={!presets?.length}
        onChange={(e) => {
          const token = e.target.value;
          if (token) run('Preset', () => ptzGoto(cameraId, token));
        }}
      >
        <option value="">{presets === null ? 'Presets…' : presets.length ? 'Go to preset…' : 'No presets'}</option>
        {presets?.map((p) => (
          <option key={p.token} value={p.token}>
            {p.name}
          </option>
        ))}
      </select>
      {status && (
        <p role="status" className="max-w-48 rounded bg-panel/90 px-1 text-right text-[11px] text-danger">
          {status}
        </p>
      )}
    </div>
  );
}
