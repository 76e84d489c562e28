/** Per-agency room: incidents, notices, and what share revocation looks for (`agency:<id>:`). */
export const liveRoom = (agencyId: string) => `agency:${agencyId}:live`;
export const EVENTS_ROOM_PREFIX = 'events:';
/** One events room per distinct set of visible agencies (sorted), so a socket gets one ascending batch. */
export const eventsRoom = (agencyIds: string[]) => `${EVENTS_ROOM_PREFIX}${[...agencyIds].sort().join(',')}`;
