'use client';

import { useState } from 'react';
import { PtzControls } from '@/components/wall/ptz-controls';

/** PTZ under a workspace camera: mounted (and the camera asked for its presets) only once the operator opens it. */
export function CameraPtz({ cameraId, name }: { cameraId: string; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="ml-auto flex flex-col items-end gap-1">
      <button type="button" aria-expanded={open} aria-label={`PTZ controls of ${name}`} onClick={() => setOpen((v) => !v)}
        className={`h-8 rounded border px-2 pointer-coarse:h-11 ${open ? 'border-accent text-ink' : 'border-line'}`}>
        PTZ
      </button>
      {open && <PtzControls cameraId={cameraId} name={name} />}
    </div>
  );
}
