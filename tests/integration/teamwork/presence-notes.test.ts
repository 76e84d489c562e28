import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeUser } from '@/tests/helpers/factories';
import { startTestApp, type TestApp } from '@/tests/helpers/test-app';
import { seedIncident, TeamClient, until } from './helpers';

/** Presence, notes, owners and hand-offs through the real server: built routes, policy gate, Socket.IO rooms. */
let app: TestApp;
let agencyId: string;
const users: Record<'a' | 'b' | 'det' | 'other', { id: string; username: string; cookie: string }> = {} as never;
const clients: TeamClient[] = [];

const api = (path: string, who: keyof typeof users, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${app.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { cookie: users[who].cookie, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
const client = async (who: keyof typeof users) => {
  const c = new TeamClient(app.url, users[who].cookie);
  clients.push(c);
  await until(() => c.synced, `${who} synced`);
  return c;
};

beforeAll(async () => {
  app = await startTestApp();
  agencyId = (await makeAgency(app.db.pool)).id;
  const otherAgency = (await makeAgency(app.db.pool)).id;
  for (const [key, role, agency] of [['a', 'operator', agencyId], ['b', 'operator', agencyId], ['det', 'detective', agencyId], ['other', 'operator', otherAgency]] as const) {
    const u = await makeUser(app.db.pool, agency, role);
    users[key] = { id: u.id, username: u.username, cookie: await app.login(u.username, u.password) };
  }
});
afterAll(async () => {
  for (const c of clients) c.close();
  await app?.stop();
});

describe('presence', () => {
  it('a viewer joining shows on another console, leaves when the tab goes; other agencies cannot join', async () => {
    const inc = await seedIncident(app.db.pool, agencyId);
    const a = await client('a');
    const b = await client('b');
    const joined = await a.join(inc.id);
    expect(joined.ok).toBe(true);
    await until(() => b.lastWatch(inc.id)?.viewers.some((v) => v.userId === users.a.id) === true, 'b sees a viewing');
    expect((await b.sync()).watches?.find((w) => w.incidentId === inc.id)?.viewers.map((v) => v.userId)).toEqual([users.a.id]);

    const outsider = await client('other');
    expect(await outsider.join(inc.id)).toEqual({ ok: false, error: 'No such incident' });
    expect(b.lastWatch(inc.id)?.viewers).toHaveLength(1);

    a.close();
    await until(() => b.lastWatch(inc.id)?.viewers.length === 0, 'a gone');
  });
});

describe('notes, owners, hand-off', () => {
  it('a note with @mention is stored, audited, pushed to the room and to the mentioned user', async () => {
    const inc = await seedIncident(app.db.pool, agencyId);
    const a = await client('a');
    const b = await client('b');
    await a.join(inc.id);
    await b.join(inc.id);
    const res = await api(`/api/incidents/${inc.id}/notes`, 'a', { body: { text: `Smoke on floor 3, @${users.b.username} take the north camera; @supervisors FYI` } });
    expect(res.status).toBe(201);
    const { note } = (await res.json()) as { note: { id: string; mentions: unknown[] } };
    expect(note.mentions).toEqual([{ kind: 'user', userId: users.b.id, name: 'Test operator' }, { kind: 'role', role: 'supervisor' }]);
    await until(() => b.notes.some((n) => n.id === note.id), 'b gets the note');
    await until(() => b.notices.some((n) => n.kind === 'mention' && n.incidentId === inc.id), 'b is notified');
    expect(a.notices.filter((n) => n.incidentId === inc.id)).toEqual([]);
    const audited = await app.db.pool.query(`SELECT actor_user_id, details FROM audit_log WHERE action = 'incident.note' AND target_id = $1`, [inc.id]);
    expect(audited.rows).toHaveLength(1);
    expect(audited.rows[0].actor_user_id).toBe(users.a.id);
    const list = (await (await api(`/api/incidents/${inc.id}/notes`, 'det')).json()) as { notes: { body: string }[] };
    expect(list.notes.map((n) => n.body)).toEqual([expect.stringContaining('Smoke on floor 3')]);
    // Read-only roles read the thread but may not write to it; bad input names the field.
    expect((await api(`/api/incidents/${inc.id}/notes`, 'det', { body: { text: 'x' } })).status).toBe(403);
    const bad = await api(`/api/incidents/${inc.id}/notes`, 'a', { body: { text: '' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('text');
  });

  it('owner shows as "monitored by" everywhere; a hand-off passes every open incident with its note', async () => {
    const one = await seedIncident(app.db.pool, agencyId);
    const two = await seedIncident(app.db.pool, agencyId);
    const b = await client('b');
    for (const inc of [one, two]) expect((await api(`/api/incidents/${inc.id}/owner`, 'a', { method: 'PUT', body: { userId: users.a.id } })).status).toBe(200);
    await until(() => b.lastWatch(two.id)?.owner?.userId === users.a.id, 'owner pushed');

    const res = await api('/api/handoffs', 'a', { body: { toUserId: users.b.id, note: 'End of shift: both need follow-up calls' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { incidentIds: string[] }).incidentIds.sort()).toEqual([one.id, two.id].sort());
    await until(() => b.lastWatch(one.id)?.owner?.userId === users.b.id && b.lastWatch(two.id)?.owner?.userId === users.b.id, 'new owner pushed');
    await until(() => b.notices.some((n) => n.kind === 'handoff' && n.count === 2), 'b told of the hand-off');
    const notes = await app.db.pool.query(`SELECT kind, body FROM incident_note WHERE incident_id = $1 ORDER BY id`, [one.id]);
    expect(notes.rows.map((r) => r.kind)).toEqual(['assignment', 'handoff']);
    expect(notes.rows[1].body).toContain('End of shift');
    const audits = await app.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'incident.handoff' AND target_id = ANY($1)`, [[one.id, two.id]]);
    expect(audits.rows[0].n).toBe(2);
    // Nothing left to hand off; someone of another agency is no assignee.
    expect((await api('/api/handoffs', 'a', { body: { toUserId: users.b.id, note: 'again' } })).status).toBe(409);
    const foreign = await api('/api/handoffs', 'b', { body: { toUserId: users.other.id, note: 'x' } });
    expect(foreign.status).toBe(400);
  });

  it('the incident report carries the timeline and notes, and its download is audited', async () => {
    const inc = await seedIncident(app.db.pool, agencyId);
    await api(`/api/incidents/${inc.id}/notes`, 'a', { body: { text: 'Report-worthy note <b>not html</b>' } });
    // History by the correlator and by a person (the actor column holds either).
    await app.db.pool.query(`INSERT INTO incident_history (incident_id, actor, change, score, reasons) VALUES ($1, 'correlator', 'opened', 45, '[]'), ($1, $2, 'acknowledged', 45, '[]')`, [inc.id, users.a.id]);
    const res = await api(`/api/incidents/${inc.id}/report?download=1`, 'det');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="incident-T[0-9a-f]+-report\.html"$/);
    const html = await res.text();
    expect(html).toContain('Timeline (UTC)');
    expect(html).toContain('Report-worthy note &lt;b&gt;not html&lt;/b&gt;');
    expect(html).toContain('<svg');
    expect(html).toContain('<td>correlator</td>');
    expect(html).toContain('<td>Test operator</td>');
    expect(html).not.toMatch(/<script/i);
    const audited = await app.db.pool.query(`SELECT details FROM audit_log WHERE action = 'export.create' AND target_id = $1`, [inc.id]);
    expect(audited.rows.map((r) => r.details.disposition)).toEqual(['download']);
  });
});
