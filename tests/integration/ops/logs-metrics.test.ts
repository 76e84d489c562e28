import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgency, makeEvent, makeSource, makeUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

const TOKEN = 'metrics-token-for-the-test-0123456789';
let app: TestApp;
let secrets: string[] = [];
let adminCookie = '';
let opCookie = '';
let sourceId = '';
let sourceKey = '';

beforeAll(async () => {
  app = await startTestApp({ LOG_LEVEL: 'info', METRICS_TOKEN: TOKEN });
  const agency = await makeAgency(app.db.pool);
  const src = await makeSource(app.db.pool, agency.id);
  sourceId = src.id;
  sourceKey = src.key;
  const admin = await makeUser(app.db.pool, agency.id, 'admin');
  const op = await makeUser(app.db.pool, agency.id, 'operator');
  adminCookie = await app.login(admin.username, admin.password);
  opCookie = await app.login(op.username, op.password);
  const res = await fetch(`${app.url}/api/ingest/events?note=private-query`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}`, 'x-request-id': 'spoofed-by-client' },
    body: JSON.stringify({ events: [makeEvent(), makeEvent()] }),
  });
  expect(res.status).toBe(202);
  expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/); // no TRUST_PROXY: the client's id is not taken
  expect((await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${src.key}` }, body: '{"events":[{}]}' })).status).toBe(400);
  secrets = [admin.password, op.password, src.key, adminCookie.split('=')[1]!, opCookie.split('=')[1]!, 'private-query'];
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const jsonLines = () => app.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('logs', () => {
  it('are JSON lines with levels; one line per request with route pattern, status, duration, user; no secrets', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const lines = jsonLines();
    expect(lines.find((l) => String(l.msg).startsWith('console ready at'))).toMatchObject({ level: 'info', component: 'rtcc' });
    const requests = lines.filter((l) => l.component === 'http' && l.msg === 'request');
    const ingest = requests.find((l) => l.route === '/api/ingest/events' && l.status === 202)!;
    expect(ingest).toMatchObject({ method: 'POST', level: 'info' });
    expect(typeof ingest.ms).toBe('number');
    expect((ingest.seqs as string[]).length).toBe(2); // the correlation key with the push line
    expect(requests.find((l) => l.route === '/api/ingest/events' && l.status === 400)).toBeTruthy();
    const login = requests.filter((l) => l.route === '/api/auth/login');
    expect(login.length).toBe(2);
    for (const s of secrets) expect(app.output()).not.toContain(s);
    // No OTEL_* settings: tracing stays off (the SDK is not even loaded).
    expect(lines.some((l) => l.component === 'trace')).toBe(false);
  });
});

describe('metrics', () => {
  it('serves Prometheus text to the token at /metrics and to admins at /api/metrics, nobody else', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } })).status).toBe(401);
    expect((await fetch(`${app.url}/api/metrics`, { headers: { cookie: opCookie } })).status).toBe(403);
    expect((await fetch(`${app.url}/api/metrics`)).status).toBe(401);
    const admin = await fetch(`${app.url}/api/metrics`, { headers: { cookie: adminCookie } });
    expect(admin.status).toBe(200);
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/rtcc_http_requests_total\{method="POST",route="\/api\/ingest\/events",status="202",node="[^"]+"\} 1/);
    expect(text).toMatch(/rtcc_ingest_accepted_total\{route="\/api\/ingest\/events",node="[^"]+"\} 2/);
    expect(text).toMatch(/rtcc_ingest_refused_total\{route="\/api\/ingest\/events",status="400",node="[^"]+"\} 1/);
    for (const name of ['rtcc_sockets', 'rtcc_tail_lag_ms', 'rtcc_correlator_lag_ms', 'rtcc_socket_queue_packets', 'rtcc_db_pool_clients', 'rtcc_nodejs_eventloop_lag_p99_seconds']) {
      expect(text).toContain(`${name}`);
    }
    // Per source, read from the event log incrementally: the next scrape counts what was stored since the first.
    const more = await fetch(`${app.url}/api/ingest/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${sourceKey}` }, body: JSON.stringify({ events: [makeEvent(), makeEvent(), makeEvent()] }),
    });
    expect(more.status).toBe(202);
    const again = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(again).toMatch(new RegExp(`rtcc_events_stored\\{source="${sourceId}",node="[^"]+"\\} 3`));
    console.log(`metrics sample:\n${text.split('\n').filter((l) => l.startsWith('rtcc_') && !l.startsWith('rtcc_nodejs_') && !l.startsWith('rtcc_process_')).slice(0, 25).join('\n')}`);
    console.log(`log sample:\n${app.output().split('\n').filter((l) => l.includes('"component":"http"')).slice(0, 3).join('\n')}`);
  });
});
