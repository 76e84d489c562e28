'use client';

import { useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { gisColor, gisHidden, gisLayers, loadGisLayers } from './gis-store';

/** The agency's imported GIS layers as toggles; administrators import a GeoJSON, KML or zipped shapefile here. */
export function GisLayerList({ canImport, children }: { canImport: boolean; children?: ReactNode }) {
  const layers = useSyncExternalStore(gisLayers.subscribe, gisLayers.get, gisLayers.get);
  const hidden = useSyncExternalStore(gisHidden.subscribe, gisHidden.get, gisHidden.get);
  const [status, setStatus] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');

  const upload = async () => {
    const f = file.current?.files?.[0];
    if (!f || !name.trim()) return setStatus('Choose a file and give the layer a name');
    setStatus('Importing…');
    const res = await fetch(`/api/admin/gis/layers?name=${encodeURIComponent(name.trim())}&fileName=${encodeURIComponent(f.name)}`, {
      method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: f,
    });
    const body = (await res.json().catch(() => null)) as { error?: string; layer?: { featureCount: number } } | null;
    if (!res.ok) return setStatus(`Not imported: ${body?.error ?? res.status}`);
    setStatus(`Imported ${body?.layer?.featureCount ?? 0} features`);
    setName('');
    if (file.current) file.current.value = '';
    await loadGisLayers();
  };

  if (!layers.length && !canImport) return null;
  return (
    <fieldset className="rounded-md border border-line bg-panel/90 px-3 py-2 shadow-lg backdrop-blur-sm" aria-label="GIS layers">
      <p className="mb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase" aria-hidden="true">GIS layers</p>
      {layers.map((l, i) => (
        <label key={l.id} className="flex min-h-8 cursor-pointer items-center gap-2 text-sm pointer-coarse:min-h-11">
          <input type="checkbox" className="size-4 accent-sky-400" checked={!hidden[l.id]}
            onChange={(e) => gisHidden.set({ ...gisHidden.get(), [l.id]: !e.target.checked })} />
          <span aria-hidden="true" className="inline-block size-2.5 rounded-sm" style={{ background: gisColor(i) }} />
          {l.name}
          <span className="ml-auto text-xs text-ink-muted">{l.featureCount}</span>
        </label>
      ))}
      {canImport && (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-xs text-ink-muted pointer-coarse:flex pointer-coarse:min-h-11 pointer-coarse:items-center">Import a layer (GeoJSON, KML, zipped shapefile)</summary>
          <div className="mt-1 flex flex-col gap-1">
            <input aria-label="Layer name" placeholder="Layer name" value={name} onChange={(e) => setName(e.target.value)} className="rounded border border-line bg-panel px-2 py-1 pointer-coarse:min-h-11" />
            <input aria-label="Layer file" ref={file} type="file" accept=".geojson,.json,.kml,.zip" className="text-xs pointer-coarse:min-h-11" />
            <button type="button" onClick={() => void upload()} className="self-start rounded border border-line px-2 py-1 pointer-coarse:min-h-11">Import layer</button>
          </div>
        </details>
      )}
      {status && <p role="status" className="mt-1 max-w-64 text-xs text-ink-muted">{status}</p>}
      {children && <div className="mt-2 border-t border-line pt-2">{children}</div>}
    </fieldset>
  );
}
