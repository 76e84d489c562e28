'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { useLiveStores } from '@/components/live/socket-provider';
import type { TeamNotice, WatchDto } from '@/lib/domain/teamwork';
import type { PresenceState } from './presence-store';

export function usePresence<T>(selector: (s: PresenceState) => T): T {
  const { presence } = useLiveStores();
  const read = () => selector(presence.getState());
  return useSyncExternalStore(presence.subscribe, read, read);
}

/** Who views and owns one incident (undefined: nobody). */
export function useWatch(incidentId: string): WatchDto | undefined {
  return usePresence((s) => s.watches.get(incidentId));
}

export function useNotices(): readonly TeamNotice[] {
  return usePresence(selectNotices);
}
const selectNotices = (s: PresenceState) => s.notices;

/** While mounted, this tab counts as viewing the incident (and receives its notes). */
export function useJoinIncident(incidentId: string): void {
  const { presence } = useLiveStores();
  useEffect(() => presence.join(incidentId), [presence, incidentId]);
}
