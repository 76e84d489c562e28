'use client';

import type { MappingPreview } from '@/lib/sources/preview-mapping';
import { TD, TH } from '../../_ui/styles';

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** What the draft mapping makes of the first rows: mapped values on the left, the file's row and any problem on the right. */
export function MappingPreviewTable({ preview, loading }: { preview: MappingPreview | null; loading: boolean }) {
  if (!preview) return <p className="text-sm text-ink-muted">{loading ? 'Mapping the first rows…' : 'Choose a file to see what the mapping makes of its first rows.'}</p>;
  const unmapped = Object.entries(preview.unmappedCodes);
  return (
    <div className="flex flex-col gap-2" data-testid="mapping-preview">
      <p className="text-sm" data-testid="preview-summary">
        First {preview.sampled.toLocaleString('en-US')} rows of the file: <strong className="text-emerald-300">{preview.sampled - preview.refused} would be accepted</strong>,{' '}
        <strong className={preview.refused ? 'text-red-300' : ''}>{preview.refused} refused</strong>. Local times read in {preview.timeZone}.
        {loading && <span className="ml-2 text-ink-muted">updating…</span>}
      </p>
      {unmapped.length > 0 && (
        <p className="text-sm text-amber-200" data-testid="unmapped-codes">
          Not in the code map (no priority): {unmapped.map(([c, n]) => `${c} (${n})`).join(', ')}
        </p>
      )}
      <div className="max-h-[420px] overflow-auto rounded border border-line">
        <table className="w-full border-collapse text-xs">
          <thead className="sticky top-0 bg-panel">
            <tr>
              {['Row', 'Outcome', 'Id', 'Type', 'Priority', 'When (UTC)', 'Lat', 'Lon', 'Title / address', 'File row'].map((h) => (
                <th key={h} className={TH}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => {
              const e = r.event;
              const c = r.camera;
              return (
                <tr key={r.row} data-testid="preview-row" data-status={r.status} className={r.status === 'refused' ? 'bg-red-950/40' : ''}>
                  <td className={`${TD} tabular-nums`}>{r.row}</td>
                  <td className={TD}>
                    {r.status === 'refused' ? (
                      <span className="text-red-300" data-testid="preview-refusal">
                        refused: <strong>{r.field}</strong> — {r.reason}
                      </span>
                    ) : (
                      <span className="text-emerald-300">ok</span>
                    )}
                    {r.warnings.map((w) => (
                      <span key={w} className="block text-amber-200">
                        ⚠ {w}
                      </span>
                    ))}
                    {e?.payload.locationFlag ? <span className="block text-amber-200">⚠ place flagged: {String(e.payload.locationFlag)} (kept out of live views)</span> : null}
                  </td>
                  <td className={`${TD} font-mono`}>{show(e?.externalId ?? c?.externalId)}</td>
                  <td className={TD}>{show(e?.typeCode ?? c?.owner)}</td>
                  <td className={`${TD} tabular-nums`}>{e ? (e.priority ? `P${e.priority}` : '—') : ''}</td>
                  <td className={`${TD} font-mono whitespace-nowrap`}>{show(e?.occurredAt?.replace('T', ' ').replace('.000Z', 'Z'))}</td>
                  <td className={`${TD} tabular-nums`}>{show(e?.lat ?? c?.lat)}</td>
                  <td className={`${TD} tabular-nums`}>{show(e?.lon ?? c?.lon)}</td>
                  <td className={TD}>{show(e ? [e.title, e.address].filter(Boolean).join(' · ') : c?.name)}</td>
                  <td className={`${TD} max-w-[28rem] truncate font-mono text-ink-muted`} title={Object.entries(r.cells).map(([k, v]) => `${k}: ${v}`).join('\n')}>
                    {Object.values(r.cells).join(' | ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
