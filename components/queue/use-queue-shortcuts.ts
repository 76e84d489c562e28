'use client';

import { useEffect, useRef } from 'react';

export interface QueueKeyHandlers {
  next: () => void;
  prev: () => void;
  acknowledge: () => void;
  open: () => void;
  toWall: () => void;
  help: () => void;
}

/**
 * Operator keys on the whole console window (the queue is the console's main tool), except while typing in a
 * field or with a modifier held, so browser shortcuts and form input keep working, and never while `enabled` is false.
 */
export function useQueueShortcuts(handlers: QueueKeyHandlers, enabled = true): void {
  // The latest handlers without re-binding the listener on every render.
  const ref = useRef(handlers);
  const on = useRef(enabled);
  useEffect(() => {
    ref.current = handlers;
    on.current = enabled;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // The console is kept mounted beneath an incident's workspace: its keys belong to the workspace then.
      if (!on.current || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (document.querySelector('dialog[open]') && e.key !== '?') return;
      const h = ref.current;
      const map: Record<string, (() => void) | undefined> = {
        j: h.next,
        ArrowDown: h.next,
        k: h.prev,
        ArrowUp: h.prev,
        a: h.acknowledge,
        Enter: t?.closest('a,button') ? undefined : h.open,
        w: h.toWall,
        '?': h.help,
      };
      const fn = map[e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
