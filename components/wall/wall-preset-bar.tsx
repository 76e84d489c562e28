'use client';

import { useState } from 'react';
import type { WallLayout } from '@/lib/domain/wall';
import { useWallPresets } from './use-wall-presets';
import { deleteWallPreset, loadWallPreset, saveWallPreset } from './wall-api';

/** Shared look of the wall's header controls; the border colour is left to the caller (pressed ones are accented). */
export const CONTROL = 'h-8 pointer-coarse:h-11 rounded border bg-panel-raised px-2 text-xs disabled:opacity-40';

/**
 * Wall presets on the wall page: load or delete a saved picture, or save the tiles shown now under a name.
 * No dialogs (a wall may be a kiosk): deleting asks again inline, and errors show as text beside the controls.
 */
export function WallPresetBar({ layout, cameraIds }: { layout: WallLayout; cameraIds: string[] }) {
  const { presets, refresh } = useWallPresets();
  const [selected, setSelected] = useState('');
  const [name, setName] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [status, setStatus] = useState('');
  const chosen = presets.find((p) => p.id === selected) ?? null;

  const run = async (label: string, call: () => Promise<string | null>) => {
    const err = await call();
    setStatus(err ? `${label}: ${err}` : `${label}: done`);
    refresh();
  };

  return (
    <div className="flex items-center gap-1.5" role="group" aria-label="Wall presets">
      <select
        aria-label="Wall preset"
        className={`${CONTROL} max-w-44 border-line`}
        value={selected}
        onFocus={refresh}
        onChange={(e) => {
          setSelected(e.target.value);
          setConfirmDelete(false);
        }}
      >
        <option value="">Presets…</option>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.layout}×{p.layout})
          </option>
        ))}
      </select>
      <button type="button" className={`${CONTROL} border-line font-semibold`} disabled={!chosen} onClick={() => chosen && void run(`Load ${chosen.name}`, () => loadWallPreset(chosen.id))}>
        Load
      </button>
      <button
        type="button"
        className={`${CONTROL} font-semibold ${confirmDelete ? 'border-danger text-danger' : 'border-line'}`}
        disabled={!chosen}
        onClick={() => {
          if (!chosen) return;
          if (!confirmDelete) return setConfirmDelete(true);
          setConfirmDelete(false);
          setSelected('');
          void run(`Delete ${chosen.name}`, () => deleteWallPreset(chosen.id));
        }}
      >
        {confirmDelete ? 'Really delete?' : 'Delete'}
      </button>
      <form
        className="flex items-center gap-1.5"
        onSubmit={(e) => {
          e.preventDefault();
          const n = name.trim();
          if (!n) return;
          setName('');
          void run(`Save ${n}`, () => saveWallPreset(n, layout, cameraIds));
        }}
      >
        <input aria-label="New preset name" placeholder="Preset name" maxLength={100} className={`${CONTROL} w-32 border-line`} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className={`${CONTROL} border-line font-semibold`} disabled={!name.trim()}>
          Save preset
        </button>
      </form>
      <span role="status" data-testid="wall-preset-status" className="max-w-48 truncate text-xs text-ink-muted">
        {status}
      </span>
    </div>
  );
}
