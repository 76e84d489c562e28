'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { IncidentStoreState } from '@/components/live/incident-store';
import { useIncidentStore, useLiveStores } from '@/components/live/socket-provider';
import { focusMapOn } from '@/components/map/map-focus';
import { postIncidentAction, sendIncidentToWall } from './incident-actions';
import type { QueueAgency } from '@/lib/incidents/queue-agencies';
import { useIncidentDistricts } from './use-incident-districts';
import { DEFAULT_FILTER, filterIncidents, kindsOf, type QueueFilter } from './priority';
import { QueueFilters } from './queue-filters';
import { QueueRow } from './queue-row';
import { ShortcutHelp } from './shortcut-help';
import { useQueueShortcuts } from './use-queue-shortcuts';

const selectSorted = (s: IncidentStoreState) => s.sorted;

/** Ages tick once a minute; a faster clock would re-render every row for nothing. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/** The priority queue: open incidents by score with their reasons, filters, and the operator's keys. */
export function IncidentQueue({ agencies = [] }: { agencies?: readonly QueueAgency[] }) {
  const sorted = useIncidentStore(selectSorted);
  const { incidents: incidentStore } = useLiveStores();
  const router = useRouter();
  const nowMs = useMinuteClock();
  const [filter, setFilter] = useState<QueueFilter>(DEFAULT_FILTER);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [status, setStatus] = useState('');
  const { districtOf, districts } = useIncidentDistricts(sorted);
  const visible = useMemo(() => filterIncidents(sorted, filter, nowMs, districtOf), [sorted, filter, nowMs, districtOf]);
  const kinds = useMemo(() => kindsOf(sorted), [sorted]);
  // Selection follows the incident, not the row index, as the order changes under the operator.
  const index = visible.findIndex((i) => i.id === selectedId);
  const selected = index >= 0 ? visible[index]! : null;

  const select = useCallback((id: string) => {
    setSelectedId(id);
    document.getElementById(`queue-${id}`)?.scrollIntoView({ block: 'nearest' });
    // The map shows where it is.
    const inc = incidentStore.getState().byId.get(id);
    if (inc) focusMapOn(inc.lat, inc.lon, id);
  }, [incidentStore]);
  const move = (d: 1 | -1) => {
    if (!visible.length) return;
    const i = index < 0 ? (d === 1 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, index + d));
    select(visible[i]!.id);
  };
  const run = async (label: string, action: () => Promise<string | null>) => {
    setStatus(`${label}…`);
    const err = await action();
    setStatus(err ? `${label} failed: ${err}` : `${label}: done`);
  };

  useQueueShortcuts({
    next: () => move(1),
    prev: () => move(-1),
    acknowledge: () => selected && void run(`Acknowledge #${selected.number}`, () => postIncidentAction(selected.id, 'acknowledge')),
    open: () => selected && router.push(`/incidents/${selected.id}`),
    toWall: () => selected && void run(`Send #${selected.number} to wall`, () => sendIncidentToWall(selected.id)),
    help: () => setHelp((h) => !h),
  });

  return (
    <section aria-labelledby="queue-title" className="flex h-full min-h-0 flex-col" data-testid="incident-queue">
      <header className="flex items-center gap-2 border-b border-line px-3 py-2">
        <h2 id="queue-title" className="text-sm font-semibold tracking-wide uppercase">
          Priority queue
        </h2>
        <span className="text-xs text-ink-muted tabular">
          {visible.length}
          {visible.length !== sorted.length && ` of ${sorted.length}`} open
        </span>
        <button
          type="button"
          onClick={() => setHelp(true)}
          className="ml-auto size-8 pointer-coarse:size-11 rounded border border-line bg-panel-raised text-sm font-semibold"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </header>
      <QueueFilters filter={filter} kinds={kinds} districts={districts} agencies={agencies} onChange={setFilter} />
      {visible.length === 0 ? (
        <p className="flex-1 p-4 text-sm text-ink-muted">{sorted.length ? 'No incident matches the filters.' : 'No open incidents.'}</p>
      ) : (
        <ul
          role="listbox"
          aria-label="Open incidents by priority"
          aria-activedescendant={selected ? `queue-${selected.id}` : undefined}
          className="min-h-0 flex-1 overflow-y-auto overscroll-contain"
        >
          {visible.map((inc) => (
            <QueueRow key={inc.id} incident={inc} selected={inc.id === selectedId} nowMs={nowMs} onSelect={select} />
          ))}
        </ul>
      )}
      <p role="status" aria-live="polite" className="min-h-6 border-t border-line px-3 py-1 text-xs text-ink-muted" data-testid="queue-status">
        {status || 'j/k select · a acknowledge · Enter open · w wall · ? help'}
      </p>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
    </section>
  );
}
