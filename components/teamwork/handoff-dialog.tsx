'use client';

import { useState } from 'react';
import { useAssignees } from './owner-control';
import { BTN, INPUT, callApi } from './team-api';

/** Shift change: pass every open incident you own to another operator, with a note they will see in each. */
export function HandoffButton({ selfId }: { selfId: string }) {
  const [open, setOpen] = useState(false);
  const assignees = useAssignees();
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [msg, setMsg] = useState('');
  const submit = async () => {
    const r = await callApi<{ incidentIds: string[] }>('/api/handoffs', { body: { toUserId: to, note } });
    setMsg(r.ok ? `Handed off ${r.data.incidentIds.length} incident(s)` : r.error);
    if (r.ok) {
      setOpen(false);
      setNote('');
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={BTN} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Hand off my incidents…
      </button>
      <span role="status" className="text-sm text-ink-muted" data-testid="handoff-status">{msg}</span>
      {open && (
        <form
          className="flex w-full flex-col gap-2 rounded border border-line p-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (to && note.trim()) void submit();
          }}
        >
          <label className="flex flex-col gap-1 text-sm">
            Hand off to
            <select className={INPUT} value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">Choose an operator…</option>
              {assignees.filter((a) => a.userId !== selfId).map((a) => (
                <option key={a.userId} value={a.userId}>{a.name} ({a.role})</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Hand-off note
            <textarea className={`${INPUT} p-2`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" className={BTN} disabled={!to || !note.trim()}>Hand off</button>
        </form>
      )}
    </div>
  );
}
