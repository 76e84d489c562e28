'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { HotlistEntryDto } from '@/lib/lpr/hotlist-entries';
import { AdminTable } from '../_ui/admin-table';
import { sendJson } from '../_ui/api';
import { FormError } from '../_ui/form-error';
import { DANGER_BUTTON, INPUT, LABEL, PANEL, TD, utc } from '../_ui/styles';

export function HotlistManager({ entries, total }: { entries: HotlistEntryDto[]; total: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const res = await sendJson('POST', '/api/admin/hotlists/entries', {
      plate: s('plate'),
      state: s('state'),
      reason: s('reason'),
      priority: Number(s('priority') || 2),
      expiresAt: s('expires') ? new Date(`${s('expires')}T23:59:59Z`).toISOString() : null,
    });
    if (!res.ok) return setError(res.error);
    setError(null);
    form.reset();
    router.refresh();
  }
  async function remove(id: string) {
    const res = await sendJson('DELETE', `/api/admin/hotlists/entries/${id}`);
    if (!res.ok) return setError(res.error);
    router.refresh();
  }
  async function upload(file: File | undefined) {
    if (!file) return;
    const res = await fetch('/api/admin/hotlists', { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: file });
    const body = (await res.json().catch(() => ({}))) as { entries?: number; error?: string };
    if (!res.ok) return setError(body.error ?? `Failed (${res.status})`);
    setError(null);
    setNote(`Hotlist replaced: ${body.entries} entries.`);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-5">
      <section className={`${PANEL} flex flex-wrap items-end gap-6`}>
        <form onSubmit={add} className="flex flex-wrap items-end gap-3" aria-label="Add one plate">
          <label className={LABEL}>
            Plate
            <input name="plate" required className={`${INPUT} w-28 uppercase`} />
          </label>
          <label className={LABEL}>
            State
            <input name="state" maxLength={6} placeholder="any" className={`${INPUT} w-16 uppercase`} />
          </label>
          <label className={LABEL}>
            Reason
            <input name="reason" required placeholder="stolen vehicle" className={`${INPUT} w-56 normal-case`} />
          </label>
          <label className={LABEL}>
            Priority
            <select name="priority" defaultValue="2" className={`${INPUT} w-20`}>
              {[1, 2, 3, 4, 5].map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label className={LABEL}>
            Expires (UTC day)
            <input name="expires" type="date" className={`${INPUT} w-40`} />
          </label>
          <Button type="submit">Add plate</Button>
        </form>
        <label className={LABEL}>
          Replace from CSV (plate,state,reason,priority,expires_at)
          <input type="file" accept=".csv,text/csv" className="text-sm normal-case" onChange={(e) => void upload(e.target.files?.[0])} />
        </label>
      </section>
      <FormError error={error} />
      {note && <p role="status" className="text-sm text-emerald-300">{note}</p>}
      <p className="text-sm text-ink-muted">{total.toLocaleString('en-US')} entries{total > entries.length ? ` (first ${entries.length} shown)` : ''}</p>
      <AdminTable testId="hotlist-table" headings={['Plate', 'State', 'Reason', 'Priority', 'Expires', '']}>
        {entries.map((h) => (
          <tr key={h.id} className={h.expired ? 'text-ink-muted line-through' : ''}>
            <td className={`${TD} font-mono font-semibold`}>{h.plate}</td>
            <td className={TD}>{h.state || 'any'}</td>
            <td className={TD}>{h.reason}</td>
            <td className={TD}>P{h.priority}</td>
            <td className={`${TD} tabular-nums`}>{h.expiresAt ? utc(h.expiresAt) : 'never'}</td>
            <td className={`${TD} text-right`}>
              <button type="button" className={DANGER_BUTTON} onClick={() => void remove(h.id)}>
                Remove
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}
