'use client';

import { useSyncExternalStore } from 'react';
import { rewind } from '@/components/rewind/rewind-controller';
import type { ConnectionState } from './connection-store';
import { useConnectionState } from './socket-provider';

const LOOK: Record<ConnectionState, { label: string; dot: string; text: string }> = {
  connecting: { label: 'Connecting…', dot: 'bg-ink-muted animate-pulse', text: 'text-ink-muted' },
  live: { label: 'Live', dot: 'bg-ok', text: 'text-ok' },
  reconnecting: { label: 'Reconnecting…', dot: 'bg-warn animate-pulse', text: 'text-warn' },
  offline: { label: 'Offline', dot: 'bg-danger', text: 'text-danger' },
  outdated: { label: 'Console updated: reload the page', dot: 'bg-danger', text: 'text-danger' },
};

/**
 * Whether the map can be trusted right now. Colour is never the only signal (the word is always
 * shown), and a polite live region announces changes without stealing focus. While the map replays the past,
 * the connection is still live (the feed and queue keep updating) but the map is not: the label says both.
 */
export function ConnectionIndicator() {
  const state = useConnectionState();
  const rewinding = useSyncExternalStore(rewind.store.subscribe, () => rewind.store.get().mode === 'rewind', () => false);
  const look = state === 'live' && rewinding ? { label: 'Live · map in rewind', dot: 'bg-warn', text: 'text-warn' } : LOOK[state];
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="connection-state"
      data-state={state}
      data-rewind={rewinding || undefined}
      className={`inline-flex items-center gap-2 rounded-full border border-line bg-panel-raised px-3 py-1 text-sm font-semibold ${look.text}`}
    >
      <span aria-hidden="true" className={`size-2.5 rounded-full ${look.dot}`} />
      {/* On a phone only the dot: its colour carries the state, the label stays for screen readers. */}
      <span className="max-sm:sr-only">{look.label}</span>
    </span>
  );
}
