'use client';

import { useState, useSyncExternalStore } from 'react';
import { GEOFENCE_KINDS, type GeofenceKind } from '@/lib/domain/geofence';
import { draftPolygon, geofenceDraft } from './geofence-editor';
import { geofenceReload } from './gis-store';

/** Draw a new geofence on the map, or save the shape of one being edited (administrators only). */
export function GeofencePanel() {
  const draft = useSyncExternalStore(geofenceDraft.subscribe, geofenceDraft.get, geofenceDraft.get);
  const [status, setStatus] = useState('');

  if (!draft) {
    return (
      <div className="flex items-center gap-2">
        <button type="button" className="min-h-8 rounded border border-line px-2 text-sm pointer-coarse:min-h-11"
          onClick={() => { setStatus(''); geofenceDraft.set({ mode: 'draw', name: '', kind: 'critical', points: [] }); }}>
          Draw geofence
        </button>
        {status && <span role="status" className="text-xs text-ink-muted">{status}</span>}
      </div>
    );
  }
  const set = (patch: Partial<typeof draft>) => geofenceDraft.set({ ...draft, ...patch });
  const ready = draft.points.length >= 3 && draft.name.trim().length > 0;
  const save = async () => {
    setStatus('Saving…');
    const res = await fetch(draft.mode === 'edit' ? `/api/admin/geofences/${draft.id}` : '/api/admin/geofences', {
      method: draft.mode === 'edit' ? 'PATCH' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(draft.mode === 'edit' ? { polygon: draftPolygon(draft) } : { name: draft.name.trim(), kind: draft.kind, polygon: draftPolygon(draft) }),
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: string } | null;
      return setStatus(`Not saved: ${body?.error ?? res.status}`);
    }
    setStatus(`Geofence "${draft.name.trim()}" saved`);
    geofenceDraft.set(null);
    geofenceReload.set(geofenceReload.get() + 1);
  };
  return (
    <div className="flex w-64 flex-col gap-1.5 text-sm" aria-label="Geofence editor" role="group">
      <p className="text-xs text-ink-muted">
        {draft.mode === 'draw' ? `Click the map to add corners (${draft.points.length}); Esc cancels.` : 'Drag the corners to reshape; Esc cancels.'}
      </p>
      <input aria-label="Geofence name" placeholder="Name" className="rounded border border-line bg-panel px-2 py-1 pointer-coarse:min-h-11" value={draft.name}
        readOnly={draft.mode === 'edit'} onChange={(e) => set({ name: e.target.value })} />
      {draft.mode === 'draw' && (
        <select aria-label="Geofence kind" className="rounded border border-line bg-panel px-2 py-1 pointer-coarse:min-h-11" value={draft.kind} onChange={(e) => set({ kind: e.target.value as GeofenceKind })}>
          {GEOFENCE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      )}
      <div className="flex gap-2">
        <button type="button" disabled={!ready} onClick={() => void save()} className="rounded border border-accent px-2 py-1 font-semibold disabled:opacity-40 pointer-coarse:min-h-11">Save geofence</button>
        {draft.mode === 'draw' && (
          <button type="button" disabled={!draft.points.length} onClick={() => set({ points: draft.points.slice(0, -1) })} className="rounded border border-line px-2 py-1 disabled:opacity-40 pointer-coarse:min-h-11">Undo</button>
        )}
        <button type="button" onClick={() => geofenceDraft.set(null)} className="rounded border border-line px-2 py-1 pointer-coarse:min-h-11">Cancel</button>
      </div>
      {status && <p role="status" className="text-xs text-ink-muted">{status}</p>}
    </div>
  );
}
