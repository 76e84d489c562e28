import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { sha256, uploadForm } from './helpers';

let app: TestApp;
let dataDir: string;
let agency: { id: string; slug: string };
let detective: string;
let supervisor: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-community-'));
  app = await startTestApp({ DATA_DIR: dataDir });
  agency = await makeAgency(app.db.pool);
  const det = await makeUser(app.db.pool, agency.id, 'detective');
  const sup = await makeUser(app.db.pool, agency.id, 'supervisor');
  detective = await app.login(det.username, det.password);
  supervisor = await app.login(sup.username, sup.password);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const post = (p: string, body: unknown, cookie?: string) =>
  fetch(`${app.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

const registration = (over: Record<string, unknown> = {}) => ({
  agency: agency.slug,
  name: 'Corner Deli',
  lat: 37.781,
  lon: -122.411,
  contactName: 'Dana Deli',
  contactEmail: 'dana@example.org',
  consent: 'footage_on_request',
  ...over,
});

describe('community cameras', () => {
  it('registers from the public form, ignores bots, and walks a footage request to an evidence item', async () => {
    expect((await fetch(`${app.url}/community/register?agency=${agency.slug}`)).status).toBe(200);
    const bad = await post('/api/community/cameras', registration({ consent: 'everything' }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('consent');
    const bot = await post('/api/community/cameras', registration({ name: 'Spam cam', website: 'http://spam.example' }));
    expect(bot.status).toBe(201);
    const res = await post('/api/community/cameras', registration());
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const cams = await app.db.pool.query(`SELECT c.name, c.owner, c.status FROM camera c WHERE c.agency_id = $1`, [agency.id]);
    expect(cams.rows).toEqual([{ name: 'Corner Deli', owner: 'private', status: 'pending' }]); // the bot stored nothing

    expect((await post(`/api/community/cameras/${id}/decision`, { decision: 'approve' }, detective)).status).toBe(403);
    expect((await post(`/api/community/cameras/${id}/decision`, { decision: 'approve' }, supervisor)).status).toBe(200);

    const c = (await (await post('/api/cases', { title: 'Burglary on 5th' }, detective)).json()) as { case: { id: string } };
    const reqRes = await post(`/api/cases/${c.case.id}/footage-requests`, { communityCameraId: id, from: '2026-11-20T10:00:00Z', to: '2026-11-20T10:30:00Z', reason: 'Burglary across the street' }, detective);
    expect(reqRes.status, await reqRes.clone().text()).toBe(201);
    const token = ((await reqRes.json()) as { ownerUrl: string }).ownerUrl.split('/').pop()!;

    expect(await (await fetch(`${app.url}/community/footage/${token}`)).text()).toContain('Corner Deli');
    const early = await fetch(`${app.url}/api/community/footage/${token}/upload`, { method: 'POST', body: uploadForm(new Uint8Array(10), 'video/mp4', 'a.mp4') });
    expect(early.status).toBe(409);
    expect((await post(`/api/community/footage/${token}/answer`, { decision: 'approve' })).status).toBe(200);
    const video = new Uint8Array(50_000).map((_, i) => i % 251);
    const up = await fetch(`${app.url}/api/community/footage/${token}/upload`, { method: 'POST', body: uploadForm(video, 'video/mp4', 'deli-cam.mp4') });
    expect(up.status, await up.clone().text()).toBe(201);
    expect(((await up.json()) as { sha256: string }).sha256).toBe(sha256(video));

    const custody = await app.db.pool.query(`SELECT action, actor FROM custody_log WHERE case_id = $1 ORDER BY id`, [c.case.id]);
    expect(custody.rows.map((r) => r.action)).toEqual(['created', 'footage_requested', 'footage_approved', 'added']);
    expect(custody.rows[3].actor).toBe(`owner:${id}`);
    const req = await app.db.pool.query(`SELECT status, item_id FROM footage_request WHERE case_id = $1`, [c.case.id]);
    expect(req.rows[0].status).toBe('uploaded');
    expect(req.rows[0].item_id).not.toBeNull();
  });

  it('rate-limits registrations per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await post('/api/community/cameras', registration({ name: `Cam ${i}` }))).status);
    expect(codes.slice(0, 3)).toEqual([201, 201, 201]);
    expect(codes.at(-1)).toBe(429);
  });
});
