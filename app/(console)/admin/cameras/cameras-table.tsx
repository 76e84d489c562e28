'use client';

import type { CameraAdminDto } from '@/lib/domain/camera-admin';
import { LINK_BUTTON, TD, utc } from '../_ui/styles';
import { AdminTable } from '../_ui/admin-table';

const STATUS_CLASS: Record<string, string> = {
  online: 'text-emerald-300',
  degraded: 'text-amber-300',
  offline: 'text-red-300',
  unknown: 'text-ink-muted',
  idle: 'text-ink-muted',
};

export function CamerasTable({ cameras, onEdit }: { cameras: CameraAdminDto[]; onEdit: (c: CameraAdminDto) => void }) {
  if (!cameras.length) return <p className="text-sm text-ink-muted">No cameras registered yet.</p>;
  return (
    <AdminTable testId="cameras-table" headings={['Name', 'External id', 'Owner', 'Status', 'Last heartbeat (UTC)', 'Video', 'Last frame (UTC)', 'Position', 'Heading / FOV / range', 'PTZ', 'Stream', '']}>
      {cameras.map((c) => (
        <tr key={c.id} data-testid="camera-row" data-external-id={c.externalId}>
          <td className={`${TD} min-w-[16rem] font-semibold`}>{c.name}</td>
          {/* Registry ids are often stream URLs: cut short here, whole in the tooltip and the edit form. */}
          <td className={`${TD} max-w-[20rem] truncate font-mono text-xs`} title={c.externalId}>
            {c.externalId}
          </td>
          <td className={`${TD} capitalize`}>{c.owner}</td>
          <td className={`${TD} font-semibold ${STATUS_CLASS[c.status] ?? ''}`}>{c.status}</td>
          <td className={`${TD} tabular-nums whitespace-nowrap`}>{utc(c.lastSeenAt)}</td>
          <td className={`${TD} font-semibold ${STATUS_CLASS[c.video.state] ?? 'text-ink-muted'}`} data-testid="camera-video" title={c.video.error ?? undefined}>
            {c.video.state}
            {c.video.error && <span className="block max-w-[16rem] truncate text-xs font-normal text-ink-muted">{c.video.error}</span>}
          </td>
          <td className={`${TD} tabular-nums whitespace-nowrap`} data-testid="camera-last-frame">{utc(c.video.lastFrameAt)}</td>
          <td className={`${TD} font-mono text-xs whitespace-nowrap tabular-nums`}>
            {c.lat.toFixed(5)}, {c.lon.toFixed(5)}
          </td>
          <td className={`${TD} tabular-nums whitespace-nowrap`}>
            {c.heading === null ? '—' : `${c.heading}°`} / {c.fovDeg}° / {c.rangeM} m
          </td>
          <td className={TD}>{c.ptz ? 'yes' : 'no'}</td>
          <td className={`${TD} uppercase text-ink-muted`}>{c.streamKind ?? <span className="normal-case">location only</span>}</td>
          <td className={`${TD} text-right`}>
            <button type="button" className={LINK_BUTTON} onClick={() => onEdit(c)}>
              Edit
            </button>
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}
