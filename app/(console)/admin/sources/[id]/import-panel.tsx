'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ImportJobDto } from '@/lib/sources/import-jobs';
import { FormError } from '../../_ui/form-error';
import { utc } from '../../_ui/styles';

const TYPES = { csv: 'text/csv', ndjson: 'application/x-ndjson', json: 'application/json' } as const;

/**
 * Import the chosen file through the SAVED mapping: a job on the server, followed here until done (progress,
 * counts, first problems), then its reject file to download, fix and import again.
 */
export function ImportPanel({ sourceId, file, format, saved, jobs }: { sourceId: string; file: File | null; format: 'csv' | 'ndjson' | 'json'; saved: boolean; jobs: ImportJobDto[] }) {
  const [job, setJob] = useState<ImportJobDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const t = setTimeout(async () => {
      const res = await fetch(`/api/admin/imports/${job.id}`, { cache: 'no-store' });
      if (res.ok) setJob(((await res.json()) as { job: ImportJobDto }).job);
    }, 400);
    return () => clearTimeout(t);
  }, [job]);

  async function start() {
    if (!file) return;
    setError(null);
    const res = await fetch(`/api/admin/sources/${sourceId}/imports?fileName=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'content-type': TYPES[format] }, body: file });
    const body = (await res.json().catch(() => ({}))) as { job?: ImportJobDto; error?: string };
    if (!res.ok || !body.job) return setError(body.error ?? `Import refused (${res.status})`);
    setJob(body.job);
  }

  const pct = job && job.total ? Math.round((job.processed / job.total) * 100) : 0;
  return (
    <div className="flex flex-col gap-3" data-testid="import-panel">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => void start()} disabled={!file || !saved || job?.status === 'running'}>
          Import {file ? `“${file.name}”` : 'the file'}
        </Button>
        {!saved && <span className="text-xs text-amber-200">Save the mapping first: imports use the saved one.</span>}
      </div>
      <FormError error={error} />
      {job && (
        <div className="rounded border border-line p-3 text-sm" data-testid="import-job" data-status={job.status}>
          <div className="h-2 overflow-hidden rounded bg-line/60" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label="Import progress">
            <div className="h-full bg-accent transition-[width]" style={{ width: `${pct}%` }} />
          </div>
          <p className="mt-2" data-testid="import-counts">
            {job.status === 'running' ? `Importing… ${job.processed.toLocaleString('en-US')} of ${job.total.toLocaleString('en-US')} rows` : job.status === 'done' ? `Done: ${job.total.toLocaleString('en-US')} rows` : job.status === 'interrupted' ? job.error : `Failed: ${job.error}`}
            {' · '}
            <strong className="text-emerald-300">{job.accepted} accepted</strong> · {job.duplicates} duplicates · <strong className={job.refused ? 'text-red-300' : ''}>{job.refused} refused</strong> · {job.warnings} warnings
          </p>
          {job.status !== 'running' && job.refused > 0 && (
            <a href={`/api/admin/imports/${job.id}/rejects`} download className="mt-2 inline-block font-semibold text-accent underline" data-testid="download-rejects">
              Download the {job.refused} refused rows (with row, field and reason)
            </a>
          )}
          {job.problems && job.problems.length > 0 && (
            <ul className="mt-2 max-h-48 overflow-auto font-mono text-xs" data-testid="import-problems">
              {job.problems.map((p) => (
                <li key={`${p.row}-${p.status}`} className={p.status === 'refused' ? 'text-red-300' : 'text-amber-200'}>
                  row {p.row}: {p.status === 'refused' ? `refused: ${p.field}: ${p.reason}` : p.status === 'duplicate' ? `duplicate of ${p.externalId}` : (p.warnings ?? []).join('; ')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {jobs.length > 0 && (
        <details className="text-xs text-ink-muted">
          <summary>Earlier imports ({jobs.length})</summary>
          <ul className="mt-1">
            {jobs.map((j) => (
              <li key={j.id}>
                {utc(j.createdAt)} {j.fileName}: {j.status}, {j.accepted} accepted, {j.duplicates} duplicates, {j.refused} refused{' '}
                {j.refused > 0 && (
                  <a className="text-accent underline" href={`/api/admin/imports/${j.id}/rejects`}>
                    rejects
                  </a>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
