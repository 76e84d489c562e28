import crypto from 'node:crypto';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '@/lib/audit/audit';
import { auditHead } from '@/lib/audit/verify-audit-chain';
import { makeAgency, makeSource, makeUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

let app: TestApp;
let agencyId: string;
beforeAll(async () => {
  app = await startTestApp({ LOGIN_RATE_PER_MIN: '100000', LOGIN_BURST: '100000' });
  agencyId = (await makeAgency(app.db.pool)).id;
});
afterAll(async () => {
  await app?.stop();
});

const json = (cookie: string, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', cookie, ...extra });

describe('security headers', () => {
  it('sets a strict CSP with a per-response nonce, and the other headers, on pages and API answers', async () => {
    const a = await fetch(`${app.url}/login`);
    const html = await a.text();
    const csp = a.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).not.toContain('unsafe-eval');
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "worker-src 'self' blob:", "connect-src 'self' ws: wss:", "img-src 'self' data: blob:", "media-src 'self' blob:"]) {
      expect(csp).toContain(d);
    }
    // Next.js put the nonce on its own scripts, so the page still runs under the policy.
    expect(html).toContain(`nonce="${nonce}"`);
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    expect(inline.every((attrs) => attrs!.includes(`nonce="${nonce}"`))).toBe(true);
    const b = await fetch(`${app.url}/login`);
    expect(b.headers.get('content-security-policy')).not.toBe(csp); // fresh nonce per response
    await b.arrayBuffer();

    const api = await fetch(`${app.url}/api/health`);
    await api.arrayBuffer();
    for (const res of [a, api]) {
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      expect(res.headers.get('strict-transport-security')).toBeNull(); // plain http here
    }
    const tls = await fetch(`${app.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    await tls.arrayBuffer();
    expect(tls.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });
});

describe('CSRF', () => {
  it('refuses cross-site state-changing requests that carry the session cookie', async () => {
    const u = await makeUser(app.db.pool, agencyId, 'operator');
    const cookie = await app.login(u.username, u.password);
    const enroll = (extra: Record<string, string>) => fetch(`${app.url}/api/auth/mfa/enroll`, { method: 'POST', headers: json(cookie, extra) });

    const cross = await enroll({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(cross.status).toBe(403);
    expect((await cross.json()).error).toMatch(/cross-site/);
    const wrongOrigin = await enroll({ origin: 'https://evil.example' });
    expect(wrongOrigin.status).toBe(403);
    await wrongOrigin.arrayBuffer();
    const sameSite = await enroll({ 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(403);
    await sameSite.arrayBuffer();
    // Nothing was enrolled by the refused requests.
    expect((await app.db.pool.query('SELECT 1 FROM user_mfa WHERE user_id = $1', [u.id])).rowCount).toBe(0);

    const own = await enroll({ origin: app.url, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    await own.arrayBuffer();
    // A GET is not state-changing; a cookie-less POST (source API key) is not a CSRF vector.
    const get = await fetch(`${app.url}/api/audit`, { headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(get.status).toBe(403); // operator: denied by role, not by CSRF
    expect((await get.json()).error).toMatch(/Role operator/);
    const src = await makeSource(app.db.pool, agencyId);
    const ingest = await fetch(`${app.url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}`, origin: 'https://elsewhere.example' },
      body: JSON.stringify({ events: [] }),
    });
    expect(ingest.status).not.toBe(403);
    await ingest.arrayBuffer();
  });
});

describe('ingest routes (served ahead of Next.js, lib/api/node-edge.ts)', () => {
  const ev = (externalId: string, extra: Record<string, unknown> = {}) => ({ externalId, kind: 'cad', typeCode: 'X', occurredAt: new Date().toISOString(), lat: 37.77, lon: -122.42, ...extra });

  it('answer with the same security headers as every other route, and refuse a cookie-bearing cross-site POST', async () => {
    const src = await makeSource(app.db.pool, agencyId);
    const post = (body: unknown, extra: Record<string, string> = {}) =>
      fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}`, ...extra }, body: JSON.stringify(body) });
    const ok = await post({ events: [ev('edge-1')] });
    expect(ok.status).toBe(202);
    await ok.arrayBuffer();
    const bad = await post({ events: [ev('edge-2'), ev('edge-3', { lat: 'north' })] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/events\[1\]\.lat/);
    const tls = await post({ events: [ev('edge-4')] }, { 'x-forwarded-proto': 'https' });
    await tls.arrayBuffer();
    expect(tls.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    for (const res of [ok, bad]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
    expect(ok.headers.get('content-security-policy')).not.toBe(bad.headers.get('content-security-policy')); // fresh nonce

    // The session cookie on a cross-site POST is refused before the route runs, even with a valid key (as proxy.ts does).
    const cross = await post({ events: [ev('edge-5')] }, { cookie: 'theme=dark; rtcc_session=x', 'sec-fetch-site': 'cross-site' });
    expect(cross.status).toBe(403);
    expect((await cross.json()).error).toMatch(/cross-site/);
    expect(cross.headers.get('x-content-type-options')).toBe('nosniff');
    const origin = await post({ events: [ev('edge-6')] }, { cookie: 'rtcc_session=x', origin: 'https://evil.example' });
    expect(origin.status).toBe(403);
    await origin.arrayBuffer();
    const stored = await app.db.pool.query('SELECT external_id FROM event WHERE source_id = $1 ORDER BY external_id', [src.id]);
    expect(stored.rows.map((r) => r.external_id)).toEqual(['edge-1', 'edge-4']);
  });

  it('answers 413 past the body limit, declared or streamed, and the connection still serves the next request', async () => {
    const src = await makeSource(app.db.pool, agencyId);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${src.key}` };
    const big = JSON.stringify({ events: [ev('big', { payload: { pad: 'x'.repeat(3 * 1024 * 1024) } })] });
    const declared = await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers, body: big });
    expect(declared.status).toBe(413);
    await declared.arrayBuffer();
    // No content-length: the route stops reading at the limit.
    const chunks = [Buffer.from(big.slice(0, 1_000_000)), Buffer.from(big.slice(1_000_000, 2_500_000)), Buffer.from(big.slice(2_500_000))];
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => { const next = chunks.shift(); if (next) c.enqueue(next); else c.close(); } });
    const streamed = await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error).toMatch(/exceeds the limit/);
    const after = await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers, body: JSON.stringify({ events: [ev('after-413')] }) });
    expect(after.status).toBe(202);
    await after.arrayBuffer();
  });
});

describe('MFA over HTTP', () => {
  it('enrols, confirms, then answers 401 mfaRequired without a code and 200 with one', async () => {
    const u = await makeUser(app.db.pool, agencyId, 'detective');
    const cookie = await app.login(u.username, u.password);
    const enrolled = await fetch(`${app.url}/api/auth/mfa/enroll`, { method: 'POST', headers: json(cookie) });
    const { secret, otpauthUri } = (await enrolled.json()) as { secret: string; otpauthUri: string };
    expect(otpauthUri).toContain(`secret=${secret}`);
    const confirm = await fetch(`${app.url}/api/auth/mfa/confirm`, { method: 'POST', headers: json(cookie), body: JSON.stringify({ code: await generate({ secret }) }) });
    expect(confirm.status).toBe(200);
    await confirm.arrayBuffer();

    const noCode = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: json(''), body: JSON.stringify({ username: u.username, password: u.password }) });
    expect(noCode.status).toBe(401);
    expect(await noCode.json()).toMatchObject({ mfaRequired: true });
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const withCode = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: json(''), body: JSON.stringify({ username: u.username, password: u.password, code }) });
    expect(withCode.status).toBe(200);
    expect(((await withCode.json()) as { user: { mfa: boolean } }).user.mfa).toBe(true);
  });

  it('wall devices sign in with their token and get a read-only session', async () => {
    const { createWallDevice } = await import('@/lib/auth/wall-device');
    const device = await createWallDevice(app.db.pool, agencyId, 'Wall B');
    const res = await fetch(`${app.url}/api/auth/device`, { method: 'POST', headers: json(''), body: JSON.stringify({ token: device.token }) });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const cases = await fetch(`${app.url}/api/cases`, { method: 'POST', headers: json(cookie), body: '{}' });
    expect(cases.status).toBe(403);
    await cases.arrayBuffer();
    const bad = await fetch(`${app.url}/api/auth/device`, { method: 'POST', headers: json(''), body: JSON.stringify({ token: `wd_${crypto.randomBytes(32).toString('base64url')}` }) });
    expect(bad.status).toBe(401);
    await bad.arrayBuffer();
  });
});

describe('transparency page', () => {
  it('shows figures equal to the database, every agency with access, and the audit head', async () => {
    const pool = app.db.pool;
    const partner = await makeAgency(pool, `Partner PD ${crypto.randomBytes(3).toString('hex')}`);
    await makeSource(pool, agencyId, 'gunshot');
    await audit(pool, { actorLabel: 'test', action: 'search.run', outcome: 'allow', purpose: 'offense:burglary' });
    await audit(pool, { actorLabel: 'test', action: 'search.run', outcome: 'allow', purpose: 'case:2026-000123' });

    const page1 = await (await fetch(`${app.url}/transparency`)).text();
    expect(page1).not.toContain(partner.name); // no users and no share: no access

    // Give the partner access by a share only: it must appear without anyone editing the page.
    await pool.query(
      `INSERT INTO agency_share (id, from_agency_id, to_agency_id, scope, starts_at) VALUES ($1, $2, $3, $4, now() - interval '1 minute')`,
      [crypto.randomUUID(), agencyId, partner.id, ['layers', 'live']],
    );
    const res = await fetch(`${app.url}/transparency`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(partner.name);
    expect(html).toMatch(/share from [^<]*: layers, live/);

    const num = (id: string, label: string) => {
      const table = new RegExp(`data-testid="${id}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
      const m = new RegExp(`data-label="${label.replace(/[()]/g, '\\$&')}"[^>]*>(\\d+)<`).exec(table);
      return m ? Number(m[1]) : null;
    };
    const bySource = (await pool.query(`SELECT kind, count(*)::int AS n FROM source WHERE enabled GROUP BY kind`)).rows;
    expect(bySource.length).toBeGreaterThan(0);
    for (const r of bySource) expect(num('sources', r.kind)).toBe(r.n);
    const cams = (await pool.query(`SELECT owner, count(*)::int AS n FROM camera GROUP BY owner`)).rows;
    for (const r of cams) expect(num('cameras', r.owner)).toBe(r.n);
    const lpr = (await pool.query(`SELECT count(*)::int AS n FROM event WHERE kind = 'lpr'`)).rows[0].n;
    expect(num('lpr', 'Reads kept')).toBe(lpr);
    const shares = (await pool.query('SELECT count(*)::int AS n FROM agency_share')).rows[0].n;
    expect(num('shares', 'Shares made')).toBe(shares);
    const searches = (await pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'search.run' AND purpose LIKE 'offense:%' AND purpose = 'offense:burglary'`)).rows[0].n;
    expect(num('searches', 'Offense: burglary')).toBe(searches);
    expect(num('searches', 'Case investigation (case number)')).toBeGreaterThanOrEqual(1);
    expect(html).not.toContain('2026-000123'); // case numbers are not published

    const withUsers = (await pool.query(`SELECT DISTINCT a.name FROM agency a JOIN app_user u ON u.agency_id = a.id WHERE NOT u.disabled AND u.role <> 'wall_device'`)).rows;
    for (const r of withUsers) expect(html).toContain(r.name);
    const head = await auditHead(pool);
    expect(html).toContain(head!.hash);
  });
});
