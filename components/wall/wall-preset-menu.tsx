'use client';

import { useState } from 'react';
import { useWallPresets } from './use-wall-presets';
import { loadWallPreset } from './wall-api';

/**
 * The console's way to switch the agency's wall to a saved preset (saving happens on the wall page, where the
 * tiles are in view). Picking one loads it at once; the wall leaves follow mode.
 */
export function WallPresetMenu() {
  const { presets, refresh } = useWallPresets();
  const [status, setStatus] = useState('');
  if (!presets.length) return null;
  return (
    <select
      aria-label="Load wall preset"
      title={status || 'Show a saved preset on the video wall'}
      data-testid="wall-preset-menu"
      className="h-8 max-w-36 min-w-0 rounded-full border border-line bg-panel px-2 text-sm text-ink-muted pointer-coarse:h-11 max-xl:hidden"
      value=""
      onFocus={refresh}
      onChange={(e) => {
        const p = presets.find((x) => x.id === e.target.value);
        if (!p) return;
        void loadWallPreset(p.id).then((err) => setStatus(err ? `Wall preset ${p.name}: ${err}` : `Wall shows ${p.name}`));
      }}
    >
      <option value="">Wall preset…</option>
      {presets.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
