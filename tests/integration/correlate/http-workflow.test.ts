import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetailDto, IncidentDto } from '@/lib/domain/incident';
import { makeAgency, makeUser } from '@/tests/helpers/factories';
import { startTestApp, type TestApp } from '@/tests/helpers/test-app';

/** The operator workflow and admin APIs through the real server (built Next.js routes, sessions, policies). */
let app: TestApp;
let agencyId: string;
const cookie: Record<'operator' | 'detective' | 'admin', string> = { operator: '', detective: '', admin: '' };
const ids: Record<'operator' | 'admin', string> = { operator: '', admin: '' };

async function seedIncident(number: string, score: number): Promise<string> {
  const id = crypto.randomUUID();
  const reasons = [{ key: 'base', text: `CAD priority 2: Medical Incident`, weight: score }];
  await app.db.pool.query(
    `INSERT INTO incident (id, agency_id, number, status, type_code, title, lat, lon, score, reasons, opened_at, updated_at, last_seq)
     VALUES ($1, $2, $3, 'open', 'Medical Incident', 'Medical Incident', 37.7749, -122.4194, $4, $5::jsonb, now(), now(), 1)`,
    [id, agencyId, number, score, JSON.stringify(reasons)]);
  return id;
}

const api = (path: string, who: keyof typeof cookie | null, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${app.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(who ? { cookie: cookie[who] } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

beforeAll(async () => {
  app = await startTestApp();
  agencyId = (await makeAgency(app.db.pool)).id;
  for (const role of ['operator', 'detective', 'admin'] as const) {
    const u = await makeUser(app.db.pool, agencyId, role);
    if (role !== 'detective') ids[role] = u.id;
    cookie[role] = await app.login(u.username, u.password);
  }
});
afterAll(async () => {
  await app?.stop();
});

describe('incident workflow over HTTP', () => {
  it('lists the queue by score, and acknowledge → assign → escalate → close records who and when', async () => {
    const low = await seedIncident('16000001', 25);
    const high = await seedIncident('16000002', 50);
    const list = await api('/api/incidents?status=open', 'operator');
    expect(list.status).toBe(200);
    const { incidents } = (await list.json()) as { incidents: IncidentDto[] };
    expect(incidents.map((i) => i.id)).toEqual([high, low]);

    expect((await api(`/api/incidents/${high}/acknowledge`, null, { method: 'POST' })).status).toBe(401);
    expect((await api(`/api/incidents/${high}/acknowledge`, 'detective', { method: 'POST' })).status).toBe(403);
    const ack = await api(`/api/incidents/${high}/acknowledge`, 'operator', { method: 'POST' });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { incident: IncidentDto }).incident.status).toBe('acknowledged');

    const bad = await api(`/api/incidents/${high}/assign`, 'operator', { method: 'POST', body: { unit: 'E39' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('callSign');
    expect((await api(`/api/incidents/${high}/assign`, 'operator', { method: 'POST', body: { callSign: 'E39' } })).status).toBe(200);
    const esc = await api(`/api/incidents/${high}/escalate`, 'operator', { method: 'POST', body: { note: 'second caller: shots' } });
    const escalated = ((await esc.json()) as { incident: IncidentDto }).incident;
    expect(escalated.status).toBe('escalated');
    expect(escalated.score).toBe(75);
    expect(escalated.reasons.map((r) => r.key)).toEqual(['base', 'escalated']);
    expect((await api(`/api/incidents/${high}/close`, 'operator', { method: 'POST' })).status).toBe(200);
    expect((await api(`/api/incidents/${high}/acknowledge`, 'operator', { method: 'POST' })).status).toBe(409);

    const detail = (await (await api(`/api/incidents/${high}`, 'operator')).json()) as IncidentDetailDto;
    expect(detail.incident.status).toBe('closed');
    expect(detail.incident.closedAt).not.toBeNull();
    expect(detail.units).toEqual([expect.objectContaining({ callSign: 'E39', source: 'assigned' })]);
    expect(detail.history.map((h) => h.actor)).toEqual([ids.operator, ids.operator, ids.operator, ids.operator]);
    // What the workspace's History shows: the person's name, not their user id.
    expect(detail.history.map((h) => h.actorName)).toEqual(Array(4).fill('Test operator'));
    expect(detail.history[2]!.change).toMatch(/^escalated by .+; \+ escalated by a supervisor or operator \(\+25\) \(assigned → escalated\) — second caller: shots$/);
    expect(detail.history[2]!.score).toBe(75);
    expect((await api(`/api/incidents/${crypto.randomUUID()}`, 'operator')).status).toBe(404);
  });
});

describe('admin rules and geofences', () => {
  const rule = { name: 'Shots near schools at night', premise: { kind: 'gunshot', geofence: { kind: 'school' }, timeOfDay: { from: '20:00', to: '06:00' } }, actions: [{ type: 'raise_priority', by: 20 }, { type: 'notify', role: 'supervisor', message: 'Shots near a school' }] };

  it('creates, lists, replaces and deletes a rule; only admins; invalid bodies name the field', async () => {
    expect((await api('/api/admin/rules', null)).status).toBe(401);
    expect((await api('/api/admin/rules', 'operator', { method: 'POST', body: rule })).status).toBe(403);
    const bad = await api('/api/admin/rules', 'admin', { method: 'POST', body: { ...rule, actions: [{ type: 'raise_priority', by: 0 }] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('actions[0].by');
    const created = await api('/api/admin/rules', 'admin', { method: 'POST', body: rule });
    expect(created.status).toBe(201);
    const { rule: saved } = (await created.json()) as { rule: { id: string; premise: { timeOfDay: { timeZone: string } } } };
    expect(saved.premise.timeOfDay.timeZone).toBe('America/Los_Angeles');
    const put = await api(`/api/admin/rules/${saved.id}`, 'admin', { method: 'PUT', body: { ...rule, enabled: false } });
    expect(put.status).toBe(200);
    const listed = (await (await api('/api/admin/rules', 'admin')).json()) as { rules: { id: string; enabled: boolean }[] };
    expect(listed.rules).toEqual([expect.objectContaining({ id: saved.id, enabled: false })]);
    expect((await api(`/api/admin/rules/${saved.id}`, 'admin', { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/admin/rules/${saved.id}`, 'admin', { method: 'DELETE' })).status).toBe(404);
  });

  it('stores a geofence polygon and rejects an open ring', async () => {
    const ring = [[-122.428, 37.761], [-122.426, 37.761], [-122.426, 37.763], [-122.428, 37.763]];
    const open = await api('/api/admin/geofences', 'admin', { method: 'POST', body: { name: 'Mission High', kind: 'school', polygon: { type: 'Polygon', coordinates: [ring] } } });
    expect(open.status).toBe(400);
    const ok = await api('/api/admin/geofences', 'admin', { method: 'POST', body: { name: 'Mission High', kind: 'school', polygon: { type: 'Polygon', coordinates: [[...ring, ring[0]]] } } });
    expect(ok.status).toBe(201);
    const { geofences } = (await (await api('/api/admin/geofences', 'admin')).json()) as { geofences: { name: string; kind: string }[] };
    expect(geofences).toEqual([expect.objectContaining({ name: 'Mission High', kind: 'school' })]);
  });
});
