import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceAdminDto, SourceKeyResult } from '@/lib/domain/source';
import { makeAgency, makeSource, makeUser, uid } from '@/tests/helpers/factories';
import { startTestApp, UNLIMITED, type TestApp } from '@/tests/helpers/test-app';
import { apiCall, auditActions, ingestStatus } from './helpers';

/** Sources and their API keys through the real server: create, rotate, disable; what ingest then accepts. */
let app: TestApp;
let admin: ReturnType<typeof apiCall>;
let agencyId: string;

beforeAll(async () => {
  app = await startTestApp(UNLIMITED);
  agencyId = (await makeAgency(app.db.pool)).id;
  const u = await makeUser(app.db.pool, agencyId, 'admin');
  admin = apiCall(app, await app.login(u.username, u.password));
});
afterAll(async () => {
  await app?.stop();
});

async function create(name: string, kind = 'cad'): Promise<SourceKeyResult> {
  const res = await admin('/api/admin/sources', { method: 'POST', body: { name, kind } });
  expect(res.status).toBe(201);
  return (await res.json()) as SourceKeyResult;
}

describe('admin sources API', () => {
  it('creates a source whose key is returned once and accepted by ingest; the list shows only the hint', async () => {
    const name = uid('County CAD');
    const { source, apiKey } = await create(name);
    expect(apiKey).toMatch(/^rtcc_/);
    expect(source).toMatchObject({ name, kind: 'cad', enabled: true, signed: false, eventsToday: 0, lastEventAt: null });
    expect(apiKey.startsWith(source.keyHint)).toBe(true);
    expect(await ingestStatus(app, apiKey)).toBe(202);

    const list = await admin('/api/admin/sources');
    const text = await list.text();
    expect(text).not.toContain(apiKey);
    const row = (JSON.parse(text) as { sources: SourceAdminDto[] }).sources.find((s) => s.id === source.id)!;
    expect(row.eventsToday).toBe(1);
    expect(row.lastEventAt).not.toBeNull();
    const { rows } = await app.db.pool.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'admin.source.create' AND target_id = $1`,
      [source.id],
    );
    expect(rows[0]?.details).toMatchObject({ name, kind: 'cad', keyHint: source.keyHint });
    expect(JSON.stringify(rows[0]?.details)).not.toContain(apiKey);
  });

  it('names the bad field: unknown kind, empty name, a name already in use', async () => {
    const bad = await admin('/api/admin/sources', { method: 'POST', body: { name: '', kind: 'radar' } });
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths.sort()).toEqual(['kind', 'name']);
    const name = uid('dup');
    await create(name);
    const dup = await admin('/api/admin/sources', { method: 'POST', body: { name, kind: 'lpr' } });
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('name');
  });

  it('rotating the key refuses the old one at once (even just after it was used) and accepts the new one', async () => {
    const { source, apiKey: oldKey } = await create(uid('rotating'));
    expect(await ingestStatus(app, oldKey)).toBe(202); // now cached as valid in the server's key cache
    const res = await admin(`/api/admin/sources/${source.id}/rotate-key`, { method: 'POST' });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as SourceKeyResult;
    expect(rotated.apiKey).not.toBe(oldKey);
    expect(rotated.source.keyHint).toBe(rotated.apiKey.slice(0, 9));
    expect(await ingestStatus(app, oldKey)).toBe(401);
    expect(await ingestStatus(app, rotated.apiKey)).toBe(202);
    expect(await auditActions(app, source.id)).toEqual(['admin.source.create', 'admin.source.rotate_key']);
  });

  it('a disabled source gets 401 with its key; enabled again, 202', async () => {
    const { source, apiKey } = await create(uid('switch'));
    expect(await ingestStatus(app, apiKey)).toBe(202);
    const off = await admin(`/api/admin/sources/${source.id}`, { method: 'PATCH', body: { enabled: false } });
    expect(off.status).toBe(200);
    expect(((await off.json()) as { source: SourceAdminDto }).source.enabled).toBe(false);
    expect(await ingestStatus(app, apiKey)).toBe(401);
    expect((await admin(`/api/admin/sources/${source.id}`, { method: 'PATCH', body: { enabled: true } })).status).toBe(200);
    expect(await ingestStatus(app, apiKey)).toBe(202);
    expect(await auditActions(app, source.id)).toEqual(['admin.source.create', 'admin.source.disable', 'admin.source.enable']);
    const empty = await admin(`/api/admin/sources/${source.id}`, { method: 'PATCH', body: {} });
    expect(empty.status).toBe(400);
  });

  it("another agency's source is not found: no rotation, no disabling", async () => {
    const other = await makeSource(app.db.pool, (await makeAgency(app.db.pool)).id);
    expect((await admin(`/api/admin/sources/${other.id}/rotate-key`, { method: 'POST' })).status).toBe(404);
    expect((await admin(`/api/admin/sources/${other.id}`, { method: 'PATCH', body: { enabled: false } })).status).toBe(404);
    expect(await ingestStatus(app, other.key)).toBe(202);
    const list = (await (await admin('/api/admin/sources')).json()) as { sources: SourceAdminDto[] };
    expect(list.sources.some((s) => s.id === other.id)).toBe(false);
  });
});
