'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { AgencyBasemapDto } from '@/lib/maps/agency-basemap';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { sendJson } from '../_ui/api';
import { FormError } from '../_ui/form-error';
import { INPUT, LABEL, PANEL } from '../_ui/styles';

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** The agency's own street map: a Protomaps .pmtiles uploaded here replaces the bundled one (or MAP_STYLE_URL). */
export function BasemapPanel({ basemap, maxBytes }: { basemap: AgencyBasemapDto | null; maxBytes: number }) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [credit, setCredit] = useState('');

  async function upload(file: File | undefined) {
    if (!file) return;
    if (file.size > maxBytes) return setError({ message: `${file.name} is ${mib(file.size)}: a base map may be at most ${mib(maxBytes)}`, issues: [] });
    setBusy(true);
    const q = new URLSearchParams({ fileName: file.name, ...(credit.trim() ? { attribution: credit.trim() } : {}) });
    const res = await fetch(`/api/admin/agency/basemap?${q}`, { method: 'PUT', headers: { 'content-type': 'application/vnd.pmtiles' }, body: file }).catch(() => null);
    setBusy(false);
    const body = (await res?.json().catch(() => ({}))) as { error?: string; issues?: FieldIssue[] };
    if (!res?.ok) return setError({ message: body.error ?? `Upload failed (${res?.status ?? 'network'})`, issues: body.issues ?? [] });
    setError(null);
    router.refresh();
  }
  async function remove() {
    const res = await sendJson('DELETE', '/api/admin/agency/basemap');
    if (!res.ok) return setError({ message: res.error, issues: res.issues });
    setError(null);
    router.refresh();
  }

  return (
    <section className={PANEL} aria-labelledby="agency-basemap" data-testid="basemap-panel">
      <h2 id="agency-basemap" className="text-sm font-semibold">
        Street map {basemap ? '(the agency’s own)' : '(bundled, or MAP_STYLE_URL)'}
      </h2>
      <p className="mt-1 text-xs text-ink-muted">
        A Protomaps (v4 schema) .pmtiles extract of the agency&apos;s area, at most {mib(maxBytes)}: checked by reading its header, served to the console
        from this server. Without one, the console draws the bundled San Francisco map where it covers the agency, else MAP_STYLE_URL.
      </p>
      {basemap && (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm" data-testid="basemap-info">
          <dt className="text-ink-muted">File</dt>
          <dd>
            {basemap.fileName} ({mib(basemap.size)}, zooms {basemap.minZoom}–{basemap.maxZoom})
          </dd>
          <dt className="text-ink-muted">Covers</dt>
          <dd className="font-mono text-xs">{basemap.bounds.map((b) => b.toFixed(3)).join(', ')}</dd>
          <dt className="text-ink-muted">SHA-256</dt>
          <dd className="font-mono text-xs">{basemap.sha256.slice(0, 16)}…</dd>
        </dl>
      )}
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <label className={LABEL}>
          Its credit (blank: OpenStreetMap)
          <input value={credit} onChange={(e) => setCredit(e.target.value)} maxLength={500} className={`${INPUT} w-64 normal-case`} />
        </label>
        <label className={LABEL}>
          {basemap ? 'Replace with' : 'Upload'} .pmtiles
          <input type="file" accept=".pmtiles" aria-label="Base map file" data-testid="basemap-file" disabled={busy} className="text-sm normal-case" onChange={(e) => void upload(e.target.files?.[0])} />
        </label>
        {basemap && (
          <Button variant="ghost" onClick={() => void remove()}>
            Remove
          </Button>
        )}
        {busy && <span className="text-xs text-ink-muted" aria-live="polite">Uploading and checking…</span>}
      </div>
      <div className="mt-2">
        <FormError error={error?.message ?? null} issues={error?.issues} />
      </div>
    </section>
  );
}
