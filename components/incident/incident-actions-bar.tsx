'use client';

import { useState } from 'react';
import { postIncidentAction, sendIncidentToWall, type IncidentAction } from '@/components/queue/incident-actions';
import type { IncidentDto } from '@/lib/domain/incident';
import { MergeInto } from './merge-into';

const BTN = 'min-h-11 rounded border border-line bg-panel-raised px-3 text-sm font-semibold hover:border-ink-muted disabled:opacity-50';

/** Workflow buttons; the new status arrives through the socket (the route pushes it), not from this response. */
export function IncidentActions({ incident, canUpdate, canControlWall }: { incident: IncidentDto; canUpdate: boolean; canControlWall: boolean }) {
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState('');
  const [callSign, setCallSign] = useState('');
  const closed = incident.status === 'closed' || incident.status === 'merged';

  const run = async (label: string, fn: () => Promise<string | null>) => {
    setBusy(true);
    const err = await fn();
    setBusy(false);
    setMsg(err ? `${label} failed: ${err}` : `${label}: done`);
  };
  const act = (a: IncidentAction, label: string, body?: Record<string, string>) => () => void run(label, () => postIncidentAction(incident.id, a, body));

  return (
    <div className="ml-auto flex flex-wrap items-center gap-2">
      {canUpdate && (
        <>
          <button type="button" className={BTN} disabled={busy || closed || incident.status !== 'open'} onClick={act('acknowledge', 'Acknowledge')}>
            Acknowledge
          </button>
          <form
            className="flex gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (callSign.trim()) act('assign', `Assign ${callSign.trim()}`, { callSign: callSign.trim() })();
            }}
          >
            <input
              aria-label="Unit call sign"
              placeholder="Unit"
              value={callSign}
              onChange={(e) => setCallSign(e.target.value)}
              className="min-h-11 w-24 rounded border border-line bg-canvas px-2 text-sm"
            />
            <button type="submit" className={BTN} disabled={busy || closed || !callSign.trim()}>
              Assign
            </button>
          </form>
          <button type="button" className={BTN} disabled={busy || closed || incident.status === 'escalated'} onClick={act('escalate', 'Escalate')}>
            Escalate
          </button>
          <button type="button" className={BTN} disabled={busy || closed} onClick={act('close', 'Close')}>
            Close
          </button>
          <MergeInto incident={incident} disabled={busy || closed} />
        </>
      )}
      {canControlWall && (
        <button type="button" className={`${BTN} border-accent`} disabled={busy} onClick={() => void run('Send to wall', () => sendIncidentToWall(incident.id))}>
          Send to wall
        </button>
      )}
      <span role="status" aria-live="polite" className="w-full text-right text-xs text-ink-muted" data-testid="action-status">
        {msg}
      </span>
    </div>
  );
}
