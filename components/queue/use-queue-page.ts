'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { compareIncidents } from '@/components/live/incident-store';
import { useLiveStores } from '@/components/live/socket-provider';
import { ACTIVE_STATUSES, ZIncidentDto, type IncidentDto } from '@/lib/domain/incident';
import { filterIncidents, type QueueFilter } from './priority';
import { fetchQueueCounts, fetchQueuePage, QUEUE_PAGE, queueParams, type QueueCounts, type QueuePage } from './queue-query';

const PAGE = QUEUE_PAGE;
/** Pushes come in bursts: the header's figures are asked again at most this often. */
const COUNT_EVERY_MS = 1000;

export interface QueueView {
  rows: readonly IncidentDto[];
  counts: QueueCounts | null;
  /** More rows on the server after the last one loaded. */
  hasMore: boolean;
  loadMore: () => void;
  error: string | null;
}

function parseRows(list: unknown[]): IncidentDto[] {
  return list.flatMap((raw) => {
    const p = ZIncidentDto.safeParse(raw);
    return p.success ? [p.data] : [];
  });
}

/**
 * The queue as the server pages it (filters in PostgreSQL, keyset pages), kept live: every pushed incident is
 * placed, moved or removed where the server's order puts it. A push that sorts after the last loaded row is
 * left for the page that will hold it (the list says more rows follow), so nothing is dropped and nothing is
 * shown twice. Counts come from the server, asked again (throttled) after pushes and on reconnect.
 */
export function useQueuePage(filter: QueueFilter, districtOf: (i: IncidentDto) => string | null, initial?: QueuePage | null): QueueView {
  const { incidents } = useLiveStores();
  const qs = useMemo(() => queueParams(filter), [filter]);
  const key = qs.toString();
  // The first page the server rendered with the console (the first filter's): shown without a round trip, so the
  // queue does not wait for the scripts to load and then for its own request. Used once; a reconnect snapshot or a
  // filter change asks the server as before.
  const [first] = useState(() => (initial ? { key, rows: parseRows(initial.incidents), page: initial } : null));
  const usedFirst = useRef(false);
  const [rows, setRows] = useState<readonly IncidentDto[]>(() => first?.rows ?? []);
  const [counts, setCounts] = useState<QueueCounts | null>(() => (first ? { total: first.page.total, open: first.page.open, kinds: first.page.kinds } : null));
  const [cursor, setCursor] = useState<string | null>(() => first?.page.nextCursor ?? null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  // The last row the server sent: pushes sorting after it belong to pages not loaded yet.
  const boundary = useRef<IncidentDto | null>(null);
  const more = useRef(false);
  const loading = useRef<AbortController | null>(null);
  // Bumped when a page arrives (not after a failure: no request loop against a failing server): a `loadMore`
  // refused while another page was on its way is asked again (its identity changes), even when that page changed
  // neither the row count nor the cursor. The render it causes comes after `settle` has freed `loading`.
  const [settled, setSettled] = useState(0);
  const filterRef = useRef({ filter, districtOf });
  useEffect(() => {
    filterRef.current = { filter, districtOf };
  }, [filter, districtOf]);
  // Pushes received while a page is on its way: the page may predate them, so they are applied again on top.
  const inFlight = useRef<IncidentDto[]>([]);

  const merge = useCallback((prev: readonly IncidentDto[], versions: readonly IncidentDto[]): readonly IncidentDto[] => {
    const { filter: f, districtOf: d } = filterRef.current;
    // One batch (or the pushes held while a page loads) can carry several versions of one incident, oldest first:
    // only the last may be placed, or the list shows that incident once per version.
    const changed = [...new Map(versions.map((i) => [i.id, i])).values()];
    const ids = new Set(changed.map((i) => i.id));
    const fits = filterIncidents(changed.filter((i) => ACTIVE_STATUSES.includes(i.status)), f, Date.now(), d).filter(
      (i) => !more.current || !boundary.current || compareIncidents(i, boundary.current) <= 0,
    );
    const kept = prev.filter((i) => !ids.has(i.id));
    if (kept.length === prev.length && !fits.length) return prev;
    return [...kept, ...fits].sort(compareIncidents);
  }, []);

  const settle = (ctl: AbortController) => {
    if (loading.current !== ctl) return;
    loading.current = null;
    inFlight.current = [];
  };

  useEffect(() => {
    if (first && !usedFirst.current && key === first.key && reloads === 0) {
      usedFirst.current = true;
      boundary.current = first.rows[first.rows.length - 1] ?? null;
      more.current = first.page.nextCursor !== null;
      return;
    }
    usedFirst.current = true;
    const ctl = new AbortController();
    loading.current?.abort();
    loading.current = ctl;
    fetchQueuePage(qs, null, PAGE, ctl.signal)
      .then((page) => {
        const list = parseRows(page.incidents);
        boundary.current = list[list.length - 1] ?? null;
        more.current = page.nextCursor !== null;
        setRows(merge(list, inFlight.current));
        setCursor(page.nextCursor);
        setCounts({ total: page.total, open: page.open, kinds: page.kinds });
        setError(null);
        setSettled((n) => n + 1);
      })
      .catch((err: Error) => !ctl.signal.aborted && setError(err.message))
      .finally(() => settle(ctl));
    return () => ctl.abort();
    // `key` stands for qs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, reloads]);

  const loadMore = useCallback(() => {
    if (!cursor || loading.current) return;
    const ctl = new AbortController();
    loading.current = ctl;
    fetchQueuePage(qs, cursor, PAGE, ctl.signal)
      .then((page) => {
        const list = parseRows(page.incidents);
        if (list.length) boundary.current = list[list.length - 1]!;
        more.current = page.nextCursor !== null;
        const late = inFlight.current;
        setRows((prev) => {
          const known = new Set(prev.map((i) => i.id));
          return merge([...prev, ...list.filter((i) => !known.has(i.id))].sort(compareIncidents), late);
        });
        setCursor(page.nextCursor);
        setCounts({ total: page.total, open: page.open, kinds: page.kinds });
        setSettled((n) => n + 1);
      })
      .catch((err: Error) => !ctl.signal.aborted && setError(err.message))
      .finally(() => settle(ctl));
    // `settled` re-creates it after each page, so the queue's "near the end" effect asks again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor, qs, merge, settled]);

  // Pushes: merged in place; figures refreshed from the server; a reconnect snapshot reloads the first page.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asking: AbortController | null = null;
    let last = 0;
    const refreshCounts = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        asking?.abort();
        const ctl = (asking = new AbortController());
        fetchQueueCounts(qs, ctl.signal)
          .then((c) => setCounts(c))
          .catch(() => {});
      }, Math.max(0, COUNT_EVERY_MS - (Date.now() - last)));
    };
    const off = incidents.onChange((changed, snapshot) => {
      if (snapshot) {
        setReloads((n) => n + 1);
        return;
      }
      if (loading.current) inFlight.current.push(...changed);
      setRows((prev) => merge(prev, changed));
      refreshCounts();
    });
    return () => {
      off();
      clearTimeout(timer);
      asking?.abort();
    };
  }, [incidents, qs, merge]);

  return { rows, counts, hasMore: cursor !== null, loadMore, error };
}
