import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDb } from '@/lib/platform/db/embedded';
import { makeAgency, makeEvent, makeSource } from '../../helpers/factories';
import { UNLIMITED, startTestApp, type TestApp } from '../../helpers/test-app';

let dir: string;
let pgServer: EmbeddedDb;
let app: TestApp | undefined;

afterAll(async () => {
  await app?.proc.kill('SIGTERM');
  await pgServer?.stop().catch(() => {});
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

it('PostgreSQL stopped during ingest: 503 with Retry-After while down, server stays up, recovers by itself, nothing acknowledged lost', async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-dbdown-'));
  pgServer = await startEmbeddedPostgres(dir);
  const url = pgServer.url;
  const { applyMigrations } = await import('@/lib/platform/db/migrate');
  await applyMigrations(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const agency = await makeAgency(pool);
  const source = await makeSource(pool, agency.id);
  await pool.end();
  app = await startTestApp(UNLIMITED, { url, appUrl: pgServer.appUrl, pool: new pg.Pool({ connectionString: url, max: 1 }), drop: async () => {} });

  const acked: string[] = [];
  const statuses: number[] = [];
  let retryAfterSeen = false;
  const send = async () => {
    const res = await fetch(`${app!.url}/api/ingest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${source.key}` },
      body: JSON.stringify({ events: [makeEvent(), makeEvent()] }),
    });
    statuses.push(res.status);
    if (res.status === 503 && res.headers.get('retry-after')) retryAfterSeen = true;
    if (res.status === 202) acked.push(...((await res.json()).results as { seq: string }[]).map((r) => r.seq));
    return res.status;
  };

  expect(await send()).toBe(202);
  await app.db.pool.end();
  await pgServer.stop();
  let down = 0;
  for (let i = 0; i < 20 && down < 3; i++) if ((await send()) === 503) down += 1;
  expect(down).toBe(3);
  expect(retryAfterSeen).toBe(true);
  expect(statuses.some((s) => s >= 500 && s !== 503)).toBe(false);
  expect((await fetch(`${app.url}/api/health`)).status).toBe(200);

  pgServer = await startEmbeddedPostgres(dir);
  expect(pgServer.url).toBe(url);
  const t0 = Date.now();
  while ((await send()) !== 202) {
    if (Date.now() - t0 > 20_000) throw new Error(`did not recover: ${statuses.slice(-5).join(',')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const check = new pg.Pool({ connectionString: url, max: 1 });
  const { rows } = await check.query<{ seq: string }>('SELECT seq::text FROM event WHERE source_id = $1', [source.id]);
  await check.end();
  const stored = new Set(rows.map((r) => r.seq));
  expect(acked.every((s) => stored.has(s))).toBe(true);
  await app.stop();
  app = undefined;
});
