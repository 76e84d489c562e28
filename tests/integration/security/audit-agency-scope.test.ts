import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '@/lib/audit/audit';
import { makeAgency, makeUser, uid } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** One agency's audit log (its searches: plates, purposes, usernames) is not another agency's to read. */
let app: TestApp;
let marker: string;
let markerB: string;
let adminB: string;
let platform: string;

beforeAll(async () => {
  app = await startTestApp();
  const a = await makeAgency(app.db.pool);
  const b = await makeAgency(app.db.pool);
  const userA = await makeUser(app.db.pool, a.id, 'detective');
  const userB = await makeUser(app.db.pool, b.id, 'detective');
  // Actor names are what the table shows: each marks its agency's rows.
  marker = userA.username;
  markerB = userB.username;
  await audit(app.db.pool, { actor: { id: userA.id, username: userA.username, agencyId: a.id }, action: 'search.run', targetType: 'search', targetId: 'plates', ip: null, outcome: 'allow', purpose: 'offense:robbery', details: { plate: uid('plate') } });
  await audit(app.db.pool, { actor: { id: userB.id, username: userB.username, agencyId: b.id }, action: 'search.run', targetType: 'search', targetId: 'plates', ip: null, outcome: 'allow', purpose: 'offense:robbery', details: { plate: uid('plate') } });
  adminB = (await app.signIn('admin', b.id)).cookie;
  platform = (await app.signIn('platform_admin', a.id)).cookie;
});
afterAll(async () => app?.stop());

const list = async (cookie: string) => {
  const res = await fetch(`${app.url}/api/audit?action=search.&limit=500`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json());
};

describe('audit log scoped by agency', () => {
  it("agency B's admin reads B's rows and none of agency A's, over the API and on the page", async () => {
    const body = await list(adminB);
    expect(body).toContain(markerB);
    expect(body).not.toContain(marker);
    const page = await fetch(`${app.url}/admin/audit?action=search.`, { headers: { cookie: adminB } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(markerB);
    expect(html).not.toContain(marker);
  });

  it('a platform administrator sees every agency', async () => {
    const body = await list(platform);
    expect(body).toContain(marker);
    expect(body).toContain(markerB);
  });
});
