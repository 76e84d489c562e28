'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { AgencyShareDto } from '@/lib/agencies/agency-shares';
import { AdminTable } from '../_ui/admin-table';
import { sendJson } from '../_ui/api';
import { FormError } from '../_ui/form-error';
import { DANGER_BUTTON, INPUT, LABEL, PANEL, TD, utc } from '../_ui/styles';
import { Options } from '@/components/ui/options';

const SCOPES = [
  ['layers', 'map layers and incidents'],
  ['cameras', 'camera list'],
  ['live', 'live video'],
  ['recorded', 'recordings'],
] as const;

export function SharesManager({ shares, partners, ownAgencyId }: { shares: AgencyShareDto[]; partners: { id: string; name: string }[]; ownAgencyId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const names = new Map(partners.map((p) => [p.id, p.name]));

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const ends = String(f.get('endsAt') ?? '');
    const res = await sendJson('POST', '/api/agency-shares', {
      toAgencyId: String(f.get('toAgencyId') ?? ''),
      scope: f.getAll('scope').map(String),
      endsAt: ends ? new Date(`${ends}T23:59:59Z`).toISOString() : null,
    });
    if (!res.ok) return setError(res.error);
    setError(null);
    router.refresh();
  }
  async function revoke(id: string) {
    const res = await sendJson('POST', `/api/agency-shares/${id}/revoke`);
    if (!res.ok) return setError(res.error);
    router.refresh();
  }
  return (
    <div className="flex flex-col gap-5">
      <section className={PANEL}>
        {partners.length === 0 ? (
          <p className="text-sm text-ink-muted">This deployment hosts no other agency yet.</p>
        ) : (
          <form onSubmit={create} className="flex flex-wrap items-end gap-4">
            <label className={LABEL}>
              Share with
              <select name="toAgencyId" className={`${INPUT} w-64 normal-case`}>
                <Options options={partners.map((p) => ({ value: p.id, label: p.name }))} />
              </select>
            </label>
            <fieldset className="flex flex-wrap gap-3 text-sm">
              {SCOPES.map(([v, label]) => (
                <label key={v} className="flex items-center gap-1">
                  <input type="checkbox" name="scope" value={v} defaultChecked={v === 'layers'} /> {label}
                </label>
              ))}
            </fieldset>
            <label className={LABEL}>
              Until (UTC day, blank: until revoked)
              <input type="date" name="endsAt" className={`${INPUT} w-40`} />
            </label>
            <Button type="submit">Share</Button>
          </form>
        )}
      </section>
      <FormError error={error} />
      <AdminTable testId="shares-table" headings={['Direction', 'Agency', 'Scope', 'From', 'Until', 'Status', '']}>
        {shares.map((s) => {
          const outgoing = s.fromAgencyId === ownAgencyId;
          return (
            <tr key={s.id} className={s.revokedAt ? 'text-ink-muted' : ''}>
              <td className={TD}>{outgoing ? 'we share with' : 'shares with us'}</td>
              <td className={`${TD} font-semibold`}>{outgoing ? s.toAgencyName : (names.get(s.fromAgencyId) ?? s.fromAgencyId)}</td>
              <td className={TD}>{s.scope.join(', ')}</td>
              <td className={`${TD} tabular-nums`}>{utc(s.startsAt)}</td>
              <td className={`${TD} tabular-nums`}>{s.endsAt ? utc(s.endsAt) : 'until revoked'}</td>
              <td className={TD}>{s.revokedAt ? `revoked ${utc(s.revokedAt)}` : 'active'}</td>
              <td className={`${TD} text-right`}>
                {outgoing && !s.revokedAt && (
                  <button type="button" className={DANGER_BUTTON} onClick={() => void revoke(s.id)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </AdminTable>
    </div>
  );
}
