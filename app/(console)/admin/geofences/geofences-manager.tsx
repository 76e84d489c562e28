'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { unwrapGeoJsonPolygon } from '@/lib/geofences/unwrap-geojson';
import { issuesFor } from '../_ui/api';
import { FieldError, FormError } from '../_ui/form-error';
import { DANGER_BUTTON, INPUT, LABEL, TD, utc } from '../_ui/styles';
import { AdminTable } from '../_ui/admin-table';
import { ConfirmPair } from '../_ui/confirm-pair';
import { SelectField, TextField } from '../_ui/fields';
import { AdminPanel } from '../_ui/admin-panel';
import { useAdminApi } from '../_ui/use-admin-api';

export interface GeofenceSummary {
  id: string;
  name: string;
  kind: string;
  vertices: number;
  holes: number;
  /** [west, south, east, north] of the outer ring. */
  bbox: [number, number, number, number];
  createdAt: string;
}

export function GeofencesManager({ geofences, kinds }: { geofences: GeofenceSummary[]; kinds: string[] }) {
  const { send, error, issues, setError, busy } = useAdminApi();
  const [confirming, setConfirming] = useState<string | null>(null);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const geo = unwrapGeoJsonPolygon(String(f.get('geojson') ?? ''));
    if (!geo.ok) return setError({ message: geo.message, issues: [{ path: 'polygon', message: geo.message }] });
    const res = await send('POST', '/api/admin/geofences', { name: String(f.get('name') ?? ''), kind: String(f.get('kind') ?? ''), polygon: geo.polygon });
    if (res.ok) form.reset();
  }

  async function remove(id: string) {
    await send('DELETE', `/api/admin/geofences/${id}`);
    setConfirming(null);
  }

  return (
    <div className="flex flex-col gap-5">
      <AdminPanel id="new-geofence" title="New geofence">
        <form onSubmit={create} className="mt-3 flex flex-col gap-4">
          <div className="flex flex-wrap gap-4">
            <TextField label="Name" name="name" required issues={issues} className="w-72" />
            <SelectField label="Kind" name="kind" options={kinds} issues={issues} className="w-40" />
          </div>
          <label className={LABEL}>
            GeoJSON polygon
            <textarea
              name="geojson"
              required
              rows={8}
              spellCheck={false}
              placeholder='{"type":"Polygon","coordinates":[[[-122.42,37.77],[-122.41,37.77],[-122.41,37.78],[-122.42,37.77]]]}'
              className={`${INPUT} font-mono text-xs normal-case`}
              aria-invalid={issuesFor(issues, 'polygon').length > 0}
            />
            <FieldError issues={issuesFor(issues, 'polygon')} />
          </label>
          <FormError error={error?.message ?? null} issues={issues} id="geofence-error" />
          <Button type="submit" disabled={busy} className="self-start">
            Create geofence
          </Button>
        </form>
      </AdminPanel>
      {geofences.length === 0 ? (
        <p className="text-sm text-ink-muted">No geofences yet.</p>
      ) : (
        <AdminTable testId="geofences-table" headings={['Name', 'Kind', 'Vertices', 'Bounds (W, S, E, N)', 'Created (UTC)', '']}>
          {geofences.map((g) => (
            <tr key={g.id} data-testid="geofence-row">
              <td className={`${TD} font-semibold`}>{g.name}</td>
              <td className={`${TD} capitalize`}>{g.kind}</td>
              <td className={`${TD} tabular-nums`}>
                {g.vertices}
                {g.holes > 0 && <span className="text-ink-muted"> ({g.holes} hole{g.holes > 1 ? 's' : ''})</span>}
              </td>
              <td className={`${TD} font-mono text-xs tabular-nums`}>{g.bbox.map((n) => n.toFixed(4)).join(', ')}</td>
              <td className={`${TD} tabular-nums`}>{utc(g.createdAt)}</td>
              <td className={`${TD} text-right whitespace-nowrap`}>
                {confirming === g.id ? (
                  <ConfirmPair label="Confirm delete" onConfirm={() => remove(g.id)} onCancel={() => setConfirming(null)} />
                ) : (
                  <button type="button" className={DANGER_BUTTON} onClick={() => setConfirming(g.id)}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </div>
  );
}
