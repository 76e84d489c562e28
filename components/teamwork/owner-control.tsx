'use client';

import { useEffect, useState } from 'react';
import { z } from 'zod';
import { useWatch } from '@/components/presence/use-presence';
import { ZAssignee, type Assignee } from '@/lib/domain/teamwork';
import { BTN, INPUT, callApi } from './team-api';

const ZAssignees = z.object({ assignees: z.array(ZAssignee) });

/** The agency's possible owners, loaded once per page. */
export function useAssignees(): Assignee[] {
  const [list, setList] = useState<Assignee[]>([]);
  useEffect(() => {
    let live = true;
    void callApi('/api/assignees', { schema: ZAssignees }).then((r) => live && r.ok && setList(r.data.assignees));
    return () => {
      live = false;
    };
  }, []);
  return list;
}

/** Take the incident, or assign it to another operator (its "monitored by"); the change arrives through the socket. */
export function OwnerControl({ incidentId, selfId, disabled }: { incidentId: string; selfId: string; disabled: boolean }) {
  const owner = useWatch(incidentId)?.owner ?? null;
  const assignees = useAssignees();
  const [pick, setPick] = useState('');
  const [msg, setMsg] = useState('');
  const set = async (userId: string | null) => {
    setMsg('');
    const r = await callApi(`/api/incidents/${incidentId}/owner`, { method: 'PUT', body: { userId } });
    setMsg(r.ok ? '' : r.error);
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      {owner?.userId !== selfId && (
        <button type="button" className={BTN} disabled={disabled} onClick={() => void set(selfId)}>
          Take ownership
        </button>
      )}
      <label className="sr-only" htmlFor={`assign-${incidentId}`}>Assign to</label>
      <select id={`assign-${incidentId}`} aria-label="Assign to" className={INPUT} value={pick} onChange={(e) => setPick(e.target.value)} disabled={disabled}>
        <option value="">Assign to…</option>
        {assignees.filter((a) => a.userId !== owner?.userId).map((a) => (
          <option key={a.userId} value={a.userId}>{a.name} ({a.role})</option>
        ))}
      </select>
      <button type="button" className={BTN} disabled={disabled || !pick} onClick={() => void set(pick).then(() => setPick(''))}>
        Assign
      </button>
      {owner && (
        <button type="button" className={BTN} disabled={disabled} onClick={() => void set(null)}>
          Release
        </button>
      )}
      {msg && <span role="alert" className="text-sm text-danger">{msg}</span>}
    </div>
  );
}
