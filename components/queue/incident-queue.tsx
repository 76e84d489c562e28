'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { IncidentStoreState } from '@/components/live/incident-store';
import { useIncidentStore } from '@/components/live/socket-provider';
import { useConsoleShown } from '@/components/console/live-console-shell';
import { rememberOpening } from '@/components/incident/incident-opening';
import { focusMapOn } from '@/components/map/map-focus';
import { useVirtualWindow } from '@/components/feed/use-virtual-window';
import { postIncidentAction, sendIncidentToWall } from './incident-actions';
import type { QueueAgency } from '@/lib/incidents/queue-agencies';
import { useIncidentDistricts } from './use-incident-districts';
import { DEFAULT_FILTER, type QueueFilter } from './priority';
import { QueueFilters } from './queue-filters';
import { QUEUE_ROW_PX, QueueRow } from './queue-row';
import { ShortcutHelp } from './shortcut-help';
import type { QueuePage } from './queue-query';
import { useQueuePage } from './use-queue-page';
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

/** The filter as the server should see it: typed words once typing pauses, any other change at once. */
function useTypingPause(filter: QueueFilter): QueueFilter {
  const [settled, setSettled] = useState(filter);
  useEffect(() => {
    if (filter === settled) return;
    const t = setTimeout(() => setSettled(filter), filter.text === settled.text ? 0 : 250);
    return () => clearTimeout(t);
  }, [filter, settled]);
  return settled;
}

const coarseQuery = () => window.matchMedia('(pointer: coarse)');
const subscribeCoarse = (cb: () => void) => {
  const q = coarseQuery();
  q.addEventListener('change', cb);
  return () => q.removeEventListener('change', cb);
};

/**
 * The priority queue: every active incident reachable, by score with their reasons. The server filters and pages
 * (GET /api/incidents); the list mounts only the rows on screen and asks for the next page as the end comes near;
 * the header's figures are the server's counts, kept live.
 */
export function IncidentQueue({ agencies = [], initialPage = null }: { agencies?: readonly QueueAgency[]; initialPage?: QueuePage | null }) {
  const all = useIncidentStore(selectSorted);
  const router = useRouter();
  // Kept mounted beneath an incident's workspace: no queue keys there.
  const consoleShown = useConsoleShown();
  const nowMs = useMinuteClock();
  const [filter, setFilter] = useState<QueueFilter>(DEFAULT_FILTER);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [status, setStatus] = useState('');
  // District choices from every active incident the store holds (the map's picture); filtering is the server's.
  const { districtOf, districts } = useIncidentDistricts(all);
  const { rows: visible, counts, hasMore, loadMore, error } = useQueuePage(useTypingPause(filter), districtOf, initialPage);
  const coarse = useSyncExternalStore(subscribeCoarse, () => coarseQuery().matches, () => false);
  const rowPx = QUEUE_ROW_PX[coarse ? 'coarse' : 'fine'];
  const { ref, start, end } = useVirtualWindow(rowPx, visible);
  const listEl = useRef<HTMLElement | null>(null);
  const listRef = useCallback(
    (node: HTMLElement | null) => {
      listEl.current = node;
      return ref(node);
    },
    [ref],
  );
  // The next page well before the end shows: scrolling never meets a blank.
  useEffect(() => {
    if (hasMore && end >= visible.length - 10) loadMore();
  }, [hasMore, end, visible.length, loadMore]);
  // Selection follows the incident, not the row index, as the order changes under the operator.
  const index = visible.findIndex((i) => i.id === selectedId);
  const selected = index >= 0 ? visible[index]! : null;
  const scrollTo = useRef<number | null>(null);
  useLayoutEffect(() => {
    const node = listEl.current;
    if (scrollTo.current === null || !node) return;
    const top = scrollTo.current * rowPx;
    if (top < node.scrollTop) node.scrollTop = top;
    else if (top + rowPx > node.scrollTop + node.clientHeight) node.scrollTop = top + rowPx - node.clientHeight;
    scrollTo.current = null;
  });

  const select = useCallback(
    (id: string) => {
      setSelectedId(id);
      const i = visible.findIndex((x) => x.id === id);
      if (i >= 0) scrollTo.current = i;
      // The map shows where it is.
      const inc = visible[i];
      if (inc) focusMapOn(inc.lat, inc.lon, id);
    },
    [visible],
  );
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
    open: () => {
      if (!selected) return;
      rememberOpening(selected);
      router.push(`/incidents/${selected.id}`);
    },
    toWall: () => selected && void run(`Send #${selected.number} to wall`, () => sendIncidentToWall(selected.id)),
    help: () => setHelp((h) => !h),
  }, consoleShown);

  return (
    <section aria-labelledby="queue-title" className="flex h-full min-h-0 flex-col" data-testid="incident-queue">
      <header className="flex items-center gap-2 border-b border-line px-3 py-2">
        <h2 id="queue-title" className="text-sm font-semibold tracking-wide uppercase">
          Priority queue
        </h2>
        <span className="text-xs text-ink-muted tabular" data-testid="queue-count" data-open={counts?.open} data-total={counts?.total}>
          {counts === null ? '…' : counts.total !== counts.open ? `${counts.total} of ${counts.open} open` : `${counts.open} open`}
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
      <QueueFilters filter={filter} kinds={counts?.kinds ?? []} districts={districts} agencies={agencies} onChange={setFilter} />
      {error && (
        <p role="alert" className="border-b border-line px-3 py-1 text-xs text-danger">
          The queue could not be read ({error}); retrying on the next change.
        </p>
      )}
      {visible.length === 0 ? (
        <p className="flex-1 p-4 text-sm text-ink-muted">{counts === null ? 'Loading…' : counts.open ? 'No incident matches the filters.' : 'No open incidents.'}</p>
      ) : (
        // contain: strict and absolutely placed rows: a queue of thousands mounts one screenful.
        <div ref={listRef} className="min-h-0 flex-1 overflow-y-auto overscroll-contain [contain:strict]">
          <ul
            role="listbox"
            aria-label="Open incidents by priority"
            aria-activedescendant={selected && index >= start && index < end ? `queue-${selected.id}` : undefined}
            className="relative"
            style={{ height: (visible.length + (hasMore ? 1 : 0)) * rowPx }}
          >
            {visible.slice(start, end).map((inc, i) => (
              <QueueRow key={inc.id} incident={inc} top={(start + i) * rowPx} heightPx={rowPx} selected={inc.id === selectedId} nowMs={nowMs} onSelect={select} />
            ))}
            {hasMore && end >= visible.length && (
              <li className="absolute inset-x-0 px-3 py-2 text-xs text-ink-muted" style={{ top: visible.length * rowPx }}>
                Loading more…
              </li>
            )}
          </ul>
        </div>
      )}
      <p role="status" aria-live="polite" className="min-h-6 border-t border-line px-3 py-1 text-xs text-ink-muted" data-testid="queue-status">
        {/* The keyboard's hint is no use on a touch screen. */}
        {status || <span className="pointer-coarse:hidden">j/k select · a acknowledge · Enter open · w wall · ? help</span>}
      </p>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
    </section>
  );
}
