'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { CommunityCameraDto } from '@/lib/evidence/community/list-community';
import { AdminTable } from '../_ui/admin-table';
import { sendJson } from '../_ui/api';
import { FormError } from '../_ui/form-error';
import { DANGER_BUTTON, LINK_BUTTON, PANEL, TD, utc } from '../_ui/styles';

const CONSENT: Record<CommunityCameraDto['consent'], string> = { location_only: 'location only', footage_on_request: 'footage on request', live_on_alarm: 'live on alarm' };

/** Registrations to decide (pending first) and the decided ones. */
export function CommunityCameras({ cameras }: { cameras: CommunityCameraDto[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function decide(c: CommunityCameraDto, decision: 'approve' | 'reject') {
    setBusy(c.id);
    const res = await sendJson('POST', `/api/community/cameras/${c.id}/decision`, { decision });
    setBusy(null);
    setError(res.ok ? null : res.error);
    if (res.ok) router.refresh();
  }

  return (
    <section className={PANEL} aria-labelledby="community-cameras-title">
      <h2 id="community-cameras-title" className="mb-3 text-sm font-semibold">
        Registrations ({cameras.filter((c) => c.status === 'pending').length} to decide)
      </h2>
      <FormError error={error} id="community-error" />
      {cameras.length === 0 ? (
        <p className="text-sm text-ink-muted">No community camera registered yet.</p>
      ) : (
        <AdminTable testId="community-cameras" headings={['Camera', 'Owner', 'Consent', 'Registered (UTC)', 'Status', '']}>
          {cameras.map((c) => (
            <tr key={c.id} data-status={c.status}>
              <td className={TD}>
                {c.name}
                <div className="text-xs text-ink-muted">
                  {c.lat.toFixed(5)}, {c.lon.toFixed(5)}
                </div>
              </td>
              <td className={TD}>
                {c.contactName}
                <div className="text-xs text-ink-muted">
                  {c.contactEmail}
                  {c.contactPhone ? ` · ${c.contactPhone}` : ''}
                </div>
              </td>
              <td className={TD}>{CONSENT[c.consent]}</td>
              <td className={TD}>{utc(c.createdAt)}</td>
              <td className={TD}>{c.status}</td>
              <td className={TD}>
                {c.status === 'pending' && (
                  <span className="flex gap-3">
                    <button type="button" className={LINK_BUTTON} disabled={busy === c.id} onClick={() => void decide(c, 'approve')}>
                      Approve
                    </button>
                    <button type="button" className={DANGER_BUTTON} disabled={busy === c.id} onClick={() => void decide(c, 'reject')}>
                      Reject
                    </button>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}
