'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { AgencyDto, DistrictDto } from '@/lib/domain/agency';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { sendJson } from '../_ui/api';
import { AttributionForm } from '../_ui/attribution-form';
import { FormError } from '../_ui/form-error';
import { INPUT, LABEL, PANEL } from '../_ui/styles';

const num = (v: FormDataEntryValue | null) => (String(v ?? '').trim() === '' ? null : Number(v));

/** Name, zone and home view; jurisdiction and districts uploaded as GeoJSON, KML or a zipped shapefile. */
export function AgencySettings({ agency, districts }: { agency: AgencyDto; districts: DistrictDto[] }) {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const lat = num(f.get('lat'));
    const lon = num(f.get('lon'));
    const res = await sendJson('PATCH', '/api/admin/agency', {
      name: String(f.get('name') ?? '').trim(),
      timeZone: String(f.get('timeZone') ?? '').trim(),
      home: lat !== null && lon !== null ? { lat, lon, zoom: num(f.get('zoom')) ?? 11 } : null,
    });
    if (!res.ok) return setError({ message: res.error, issues: res.issues });
    setError(null);
    setNote('Saved: the map opens there from the next page load.');
    router.refresh();
  }

  async function upload(url: string, file: File | undefined) {
    if (!file) return;
    const res = await fetch(`${url}${url.includes('?') ? '&' : '?'}fileName=${encodeURIComponent(file.name)}`, { method: 'PUT', headers: { 'content-type': file.name.endsWith('.zip') ? 'application/zip' : file.name.match(/\.km[lz]$/) ? 'application/vnd.google-earth.kml+xml' : 'application/geo+json' }, body: file });
    const body = (await res.json().catch(() => ({}))) as { error?: string; issues?: FieldIssue[]; polygons?: number; count?: number; kind?: string };
    if (!res.ok) return setError({ message: body.error ?? `Failed (${res.status})`, issues: body.issues ?? [] });
    setError(null);
    setNote(body.polygons !== undefined ? `Jurisdiction saved: ${body.polygons} polygon(s).` : `${body.count} ${body.kind}s saved.`);
    router.refresh();
  }

  const counts = districts.reduce<Record<string, number>>((m, d) => ((m[d.kind] = (m[d.kind] ?? 0) + 1), m), {});
  return (
    <div className="flex flex-col gap-5">
      <section className={PANEL} aria-labelledby="agency-general">
        <h2 id="agency-general" className="text-sm font-semibold">
          Name, time zone and home view
        </h2>
        <form onSubmit={save} className="mt-3 flex flex-wrap items-end gap-4">
          <label className={LABEL}>
            Name
            <input name="name" defaultValue={agency.name} className={`${INPUT} w-72 normal-case`} />
          </label>
          <label className={LABEL}>
            Time zone
            <input name="timeZone" defaultValue={agency.timeZone} className={`${INPUT} w-48 normal-case`} />
          </label>
          <label className={LABEL}>
            Home latitude
            <input name="lat" defaultValue={agency.home?.lat ?? ''} inputMode="decimal" className={`${INPUT} w-28`} />
          </label>
          <label className={LABEL}>
            Home longitude
            <input name="lon" defaultValue={agency.home?.lon ?? ''} inputMode="decimal" className={`${INPUT} w-28`} />
          </label>
          <label className={LABEL}>
            Zoom
            <input name="zoom" defaultValue={agency.home?.zoom ?? ''} inputMode="decimal" className={`${INPUT} w-20`} />
          </label>
          <Button type="submit">Save</Button>
        </form>
        <p className="mt-3 text-xs text-ink-muted">
          The credit the console&apos;s map shows for the agency&apos;s own data, beside the street map&apos;s and each source&apos;s (set on the source&apos;s page).
        </p>
        <AttributionForm url="/api/admin/agency/attribution" initial={agency.attribution} placeholder="e.g. City of Springfield open data" />
      </section>
      <section className={`${PANEL} grid gap-5 md:grid-cols-2`} aria-label="Jurisdiction and districts">
        <div>
          <h2 className="text-sm font-semibold">Jurisdiction {agency.hasJurisdiction ? '(set)' : '(none)'}</h2>
          <p className="mt-1 text-xs text-ink-muted">GeoJSON (FeatureCollection, Feature, Polygon or MultiPolygon), KML, or a zipped shapefile: every polygon in it.</p>
          <input type="file" aria-label="Jurisdiction file" data-testid="jurisdiction-file" accept=".geojson,.json,.kml,.zip" className="mt-2 text-sm" onChange={(e) => void upload('/api/admin/agency/jurisdiction', e.target.files?.[0])} />
        </div>
        <div>
          <h2 className="text-sm font-semibold">
            Districts and beats ({counts.district ?? 0} districts, {counts.beat ?? 0} beats)
          </h2>
          <p className="mt-1 text-xs text-ink-muted">One polygon per feature, coded by a property such as dist_num or beat_num (guessed when left blank).</p>
          <DistrictUpload onUpload={(kind, prop, file) => void upload(`/api/admin/agency/districts?kind=${kind}&codeProperty=${encodeURIComponent(prop)}`, file)} />
          {districts.length > 0 && <p className="mt-2 text-xs text-ink-muted">{districts.slice(0, 40).map((d) => `${d.kind} ${d.code}`).join(' · ')}</p>}
        </div>
      </section>
      {note && <p role="status" className="text-sm text-emerald-300">{note}</p>}
      <FormError error={error?.message ?? null} issues={error?.issues} />
    </div>
  );
}

function DistrictUpload({ onUpload }: { onUpload: (kind: string, prop: string, file: File | undefined) => void }) {
  const [kind, setKind] = useState('district');
  const [prop, setProp] = useState('');
  return (
    <div className="mt-2 flex flex-wrap items-end gap-3">
      <label className={LABEL}>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value)} className={`${INPUT} w-28`}>
          <option value="district">districts</option>
          <option value="beat">beats</option>
        </select>
      </label>
      <label className={LABEL}>
        Code property
        <input value={prop} onChange={(e) => setProp(e.target.value)} placeholder="auto" className={`${INPUT} w-32 normal-case`} />
      </label>
      <input type="file" aria-label="Districts file" accept=".geojson,.json,.kml,.zip" className="text-sm" onChange={(e) => onUpload(kind, prop, e.target.files?.[0])} />
    </div>
  );
}
