'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { FieldIssue } from '@/lib/platform/errors/app-error';
import { FormError } from '../_ui/form-error';
import { PANEL } from '../_ui/styles';

/** CSV import through the existing PUT /api/admin/cameras: all-or-nothing, the first bad record is named. */
export function CameraImport({ onDone }: { onDone: () => void }) {
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = new FormData(e.currentTarget).get('csv');
    if (!(file instanceof File) || file.size === 0) return setError({ message: 'Choose a CSV file first', issues: [] });
    setBusy(true);
    const res = await fetch('/api/admin/cameras', { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: file }).catch(() => null);
    setBusy(false);
    const json = ((await res?.json().catch(() => ({}))) ?? {}) as { created?: number; updated?: number; error?: string; issues?: FieldIssue[] };
    if (!res?.ok) {
      setResult(null);
      return setError({ message: json.error ?? 'Import failed', issues: json.issues ?? [] });
    }
    setError(null);
    setResult(`Imported: ${json.created ?? 0} new, ${json.updated ?? 0} updated.`);
    onDone();
  }

  return (
    <section className={PANEL} aria-labelledby="camera-import">
      <h2 id="camera-import" className="text-sm font-semibold">
        Import CSV
      </h2>
      <p className="mt-1 text-xs text-ink-muted">
        Header: <code className="break-all">external_id,name,lat,lon,heading,fov_deg,range_m,ptz,stream_url,stream_kind,owner,restream_url</code>
      </p>
      <form onSubmit={upload} className="mt-3 flex flex-col items-start gap-3">
        <input name="csv" type="file" accept=".csv,text/csv" className="text-sm text-ink-muted file:mr-3 file:rounded-md file:border file:border-line file:bg-panel-raised file:px-3 file:py-1 file:text-ink" />
        <Button type="submit" variant="ghost" disabled={busy}>
          Import
        </Button>
      </form>
      <div className="mt-3">
        <FormError error={error?.message ?? null} issues={error?.issues} />
        {result && (
          <p role="status" className="text-sm text-emerald-300">
            {result}
          </p>
        )}
      </div>
    </section>
  );
}
