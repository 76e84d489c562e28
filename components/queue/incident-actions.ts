/** Client calls for the incident workflow and the wall. Each resolves to an error message, or null on success. */

import { sendForError, sendJson } from '@/components/api/send-json';
import { ZIncidentDto, type IncidentDto } from '@/lib/domain/incident';

export type IncidentAction = 'acknowledge' | 'assign' | 'escalate' | 'close';

export async function postIncidentAction(id: string, action: IncidentAction, body?: Record<string, string>): Promise<string | null> {
  return post(`/api/incidents/${encodeURIComponent(id)}/${action}`, body ?? {});
}

/** Show an incident's cameras on the agency's wall. */
export async function sendIncidentToWall(incidentId: string): Promise<string | null> {
  return post('/api/wall', { incidentId, mode: 'manual' });
}

/** Fold incident `fromId` into `intoId` (one situation). Resolves to an error message, or null. */
export async function mergeIncidentInto(fromId: string, intoId: string, note?: string): Promise<string | null> {
  return post(`/api/incidents/${encodeURIComponent(fromId)}/merge`, { intoId, ...(note ? { note } : {}) });
}

/** Move events of incident `id` to a new incident: the new one, or the error message. */
export async function splitEventsOut(id: string, eventSeqs: string[], note?: string): Promise<{ incident: IncidentDto } | { error: string }> {
  const r = await sendJson(`/api/incidents/${encodeURIComponent(id)}/split`, 'POST', { eventSeqs, ...(note ? { note } : {}) });
  if ('error' in r) return r;
  const parsed = ZIncidentDto.safeParse((r.data as { incident?: unknown } | null)?.incident);
  return parsed.success ? { incident: parsed.data } : { error: 'unexpected reply from the server' };
}

const post = (url: string, body: unknown) => sendForError(url, 'POST', body);
