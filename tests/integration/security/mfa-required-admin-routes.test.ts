import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeSource, makeUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/**
 * With MFA_REQUIRED=1 an administrator who has not enrolled may do nothing but enrol: the admin routes that once
 * had their own gate (hotlists, camera CSV, HMAC secret, jurisdictions) go through the one policy module, which
 * refuses them and leaves a deny row.
 */
let app: TestApp;
let cookie: string;
let userId: string;
let sourceId: string;

beforeAll(async () => {
  app = await startTestApp({ MFA_REQUIRED: '1' });
  const agency = await makeAgency(app.db.pool);
  sourceId = (await makeSource(app.db.pool, agency.id)).id;
  const admin = await makeUser(app.db.pool, agency.id, 'admin');
  userId = admin.id;
  cookie = await app.login(admin.username, admin.password);
});
afterAll(async () => app?.stop());

const polygon = JSON.stringify({ type: 'Polygon', coordinates: [[[-122.5, 37.7], [-122.3, 37.7], [-122.3, 37.8], [-122.5, 37.7]]] });

describe('MFA_REQUIRED on admin routes', () => {
  it.each([
    ['PUT', '/api/admin/hotlists', 'text/csv', 'plate,state,reason\nABC123,CA,stolen\n'],
    ['PUT', '/api/admin/cameras', 'text/csv', 'external_id,name,lat,lon\ncam-1,Cam,37.78,-122.41\n'],
    ['POST', '/api/admin/sources/:id/hmac-secret', undefined, undefined],
    ['DELETE', '/api/admin/sources/:id/hmac-secret', undefined, undefined],
    ['PUT', '/api/admin/sources/:id/jurisdiction', 'application/json', polygon],
    ['PUT', '/api/admin/agency/jurisdiction?fileName=j.geojson', 'application/geo+json', polygon],
  ])('%s %s → 403 with a deny audit row', async (method, path, type, body) => {
    const before = await denies();
    const res = await fetch(`${app.url}${path.replace(':id', sourceId)}`, {
      method,
      headers: { cookie, ...(type ? { 'content-type': type } : {}) },
      body,
    });
    expect(res.status, await res.text()).toBe(403);
    expect(await denies()).toBe(before + 1);
  });

  it('nothing was changed', async () => {
    const { rows } = await app.db.pool.query(`SELECT hmac_secret FROM source_secret WHERE source_id = $1`, [sourceId]);
    expect(rows).toEqual([]);
    const hot = await app.db.pool.query(`SELECT 1 FROM hotlist_entry h JOIN app_user u ON u.agency_id = h.agency_id WHERE u.id = $1`, [userId]);
    expect(hot.rowCount).toBe(0);
  });
});

async function denies(): Promise<number> {
  const { rows } = await app.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1 AND outcome = 'deny'`, [userId]);
  return rows[0]!.n;
}
