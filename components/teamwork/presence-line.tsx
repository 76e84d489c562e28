'use client';

import { useWatch } from '@/components/presence/use-presence';

/** "Viewing now: …  ·  Monitored by: …" for one incident, live from the `watch` topic. */
export function PresenceLine({ incidentId, selfId }: { incidentId: string; selfId: string }) {
  const watch = useWatch(incidentId);
  const viewers = watch?.viewers ?? [];
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="presence-line">
      <span className="text-ink-muted">Viewing now:</span>
      <ul className="flex flex-wrap gap-1" aria-label="Viewing now" data-testid="viewers">
        {viewers.length === 0 && <li className="text-ink-muted">nobody</li>}
        {viewers.map((v) => (
          <li key={v.userId} data-testid="viewer" data-user-id={v.userId} className="rounded-full border border-line bg-panel-raised px-2 py-0.5">
            {v.name}
            {v.userId === selfId && <span className="text-ink-muted"> (you)</span>}
            <span className="ml-1 text-xs text-ink-muted capitalize">{v.role}</span>
          </li>
        ))}
      </ul>
      <span className="text-ink-muted">Monitored by:</span>
      <span data-testid="owner" data-user-id={watch?.owner?.userId ?? ''} className={watch?.owner ? 'font-semibold' : 'text-warn'}>
        {watch?.owner?.name ?? 'nobody'}
      </span>
    </div>
  );
}
