import type { TestApp } from '@/tests/helpers/test-app';
import { makeEvent } from '@/tests/helpers/factories';

/** A JSON call to the app with a session cookie (or none). */
export function apiCall(app: TestApp, cookie: string | null) {
  return (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${app.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(cookie ? { cookie } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
}

/** One event through POST /api/ingest/events with this key; the status says whether the key is accepted. */
export async function ingestStatus(app: TestApp, key: string): Promise<number> {
  const res = await fetch(`${app.url}/api/ingest/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: [makeEvent()] }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Audit actions recorded for a target, oldest first. */
export async function auditActions(app: TestApp, targetId: string): Promise<string[]> {
  const { rows } = await app.db.pool.query<{ action: string }>('SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id', [targetId]);
  return rows.map((r) => r.action);
}
