'use client';

import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export interface VirtualWindow {
  /** First and past-last row index to render. */
  start: number;
  end: number;
}

/** The rows a viewport at `scrollTop` of `height` px shows, plus `overscan` rows either side. */
export function visibleRows(scrollTop: number, height: number, rowPx: number, overscan: number): VirtualWindow {
  const first = Math.floor(scrollTop / rowPx);
  return { start: Math.max(0, first - overscan), end: Math.ceil((scrollTop + height) / rowPx) + overscan };
}

/**
 * Where to scroll so the row being read (`anchor`, `offset` px scrolled into it) stays put after rows were added
 * above it; null when it fell off the list or nothing needs to move.
 */
export function anchoredScrollTop<K>(rows: readonly K[], anchor: { key: K; offset: number }, rowPx: number, scrollTop: number): number | null {
  const i = rows.indexOf(anchor.key);
  if (i < 0) return null;
  const top = i * rowPx + anchor.offset;
  return Math.abs(scrollTop - top) < 1 ? null : top;
}

/**
 * The rows of a fixed-row-height scroll list that are on screen, plus `overscan` rows either side. State changes
 * only when that range changes (not per scrolled pixel), so scrolling re-renders the list a few times per row.
 *
 * It also keeps an operator's place: when rows are added above while the list is scrolled down, the list is
 * scrolled by as much, so the row being read does not slide away (what CSS scroll anchoring did for the
 * un-virtualised list; it cannot see rows placed by transform). At the top, new rows simply appear.
 */
export function useVirtualWindow<K>(rowPx: number, rows: readonly K[], overscan = 6) {
  const [win, setWin] = useState<VirtualWindow>({ start: 0, end: overscan * 2 });
  const el = useRef<HTMLElement | null>(null);
  const anchor = useRef<{ key: K; offset: number } | null>(null);
  // Read by the scroll listener; kept in a ref so the listener (and the ref callback) stay the same across batches.
  const rowsRef = useRef(rows);

  const measure = useCallback(() => {
    const node = el.current;
    if (!node) return;
    const top = node.scrollTop;
    const first = Math.floor(top / rowPx);
    const key = rowsRef.current[first];
    anchor.current = top > 0 && key !== undefined ? { key, offset: top - first * rowPx } : null;
    const next = visibleRows(top, node.clientHeight, rowPx, overscan);
    setWin((w) => (w.start === next.start && w.end === next.end ? w : next));
  }, [rowPx, overscan]);

  // A ref callback with cleanup (React 19): the observers live exactly as long as the element.
  const ref = useCallback(
    (node: HTMLElement | null) => {
      el.current = node;
      if (!node) return;
      const resize = new ResizeObserver(measure);
      resize.observe(node);
      node.addEventListener('scroll', measure, { passive: true });
      return () => {
        resize.disconnect();
        node.removeEventListener('scroll', measure);
        el.current = null;
      };
    },
    [measure],
  );

  // Before paint, so a batch never shows a frame at the wrong place. Reads layout only when scrolled away from the top.
  useLayoutEffect(() => {
    rowsRef.current = rows;
    const node = el.current;
    if (!node || !anchor.current) return;
    const top = anchoredScrollTop(rows, anchor.current, rowPx, node.scrollTop);
    if (top === null) return;
    node.scrollTop = top;
    // Now, not on the scroll event a frame later: the window must cover the new position in this very paint.
    measure();
  }, [rows, rowPx, measure]);

  return { ref, ...win };
}
