'use client';

import { useWatch } from '@/components/presence/use-presence';

/**
 * A queue row's watch state: how many people view the incident and who owns it, or "Unwatched" when nobody does
 * either (the queue's warning). Subscribes on its own, so a watch change re-renders this mark, not the row.
 */
export function WatchMark({ incidentId }: { incidentId: string }) {
  const w = useWatch(incidentId);
  const viewers = w?.viewers.length ?? 0;
  if (!w) {
    return (
      <span data-testid="watch-mark" data-watched="0" className="shrink-0 rounded border border-warn/60 px-1 text-warn" title="Nobody is viewing or monitoring this incident">
        Unwatched
      </span>
    );
  }
  const names = w.viewers.map((v) => v.name).join(', ');
  return (
    <span
      data-testid="watch-mark"
      data-watched="1"
      className="max-w-28 shrink-0 truncate text-ink-muted"
      title={`${viewers ? `Viewing: ${names}. ` : ''}${w.owner ? `Monitored by ${w.owner.name}` : 'No owner'}`}
    >
      {viewers > 0 && <span aria-label={`${viewers} viewing`}>👁 {viewers}</span>}
      {w.owner && <span className="ml-1">· {w.owner.name}</span>}
    </span>
  );
}
