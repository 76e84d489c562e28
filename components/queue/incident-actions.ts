/** Client calls for the incident workflow and the wall. Each resolves to an error message, or null on success. */

export type IncidentAction = 'acknowledge' | 'assign' | 'escalate' | 'close';

export async function postIncidentAction(id: string, action: IncidentAction, body?: Record<string, string>): Promise<string | null> {
  return post(`/api/incidents/${encodeURIComponent(id)}/${action}`, body ?? {});
}

/** Show an incident's cameras on the agency's wall. */
export async function sendIncidentToWall(incidentId: string): Promise<string | null> {
  return post('/api/wall', { incidentId, mode: 'manual' });
}

async function post(url: string, body: unknown): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (res.ok) return null;
    // lib/platform/errors/error-response.ts: { error: message, code, issues? }
    const data = (await res.json().catch(() => null)) as { error?: unknown } | null;
    return typeof data?.error === 'string' ? data.error : `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error ? err.message : 'network error';
  }
}
