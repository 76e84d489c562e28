/** Socket.IO rooms of the teamwork features (the agency live room is lib/realtime/gateway.ts's `liveRoom`). */

/** Sockets showing one incident: its viewers, and its notes pushed live. */
export const incidentRoom = (incidentId: string) => `incident:${incidentId}`;
/** One user's sockets (every tab): mentions, assignments, hand-offs. The gateway joins it at connect. */
export const userRoom = (userId: string) => `user:${userId}`;
/** Every socket of a role within an agency (the gateway joins it; rule notices use it too). */
export const roleRoom = (agencyId: string, role: string) => `agency:${agencyId}:role:${role}`;

/** `socket.data.viewing` entries: the incident's agency travels with it so a sync can scope by agency. */
export const viewingKey = (agencyId: string, incidentId: string) => `${agencyId}/${incidentId}`;
export function parseViewingKey(key: string): { agencyId: string; incidentId: string } | null {
  const [agencyId, incidentId] = key.split('/');
  return agencyId && incidentId ? { agencyId, incidentId } : null;
}
