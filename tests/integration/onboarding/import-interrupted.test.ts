import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markInterruptedImports } from '@/lib/sources/import-job-sweep';
import { importRecords } from '@/lib/sources/import-records';
import { loadImportTarget } from '@/lib/sources/import-target';
import { makeAgency, makeSource, makeUser } from '@/tests/helpers/factories';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { startTestApp, UNLIMITED, type TestApp } from '@/tests/helpers/test-app';
import { CHICAGO_SHOTS, client } from './helpers';

/** An import job cut short by a server stop is marked interrupted on the next start; the file imported again finishes it. */
let db: TestDb;
let app: TestApp | null = null;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await app?.stop();
  await db?.drop();
});

const HEADER = 'ID,DATE,BLOCK,ZIP_CODE,BEAT,INCIDENT_TYPE_DESCRIPTION,ROUNDS,LATITUDE,LONGITUDE,LOCATION';
function shots(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const d = new Date(Date.UTC(2018, 0, 1) + i * 61_000);
    const p = (n: number) => String(n).padStart(2, '0');
    const h = d.getUTCHours();
    const date = `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(h % 12 || 12)}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
    // Every 10th row has no place: a gunshot without one is refused.
    const place = i % 10 === 9 ? ',,' : `41.8,-87.6,POINT (-87.6 41.8)`;
    lines.push(`int-${i},${date},100 S STATE ST,60601,1011,SINGLE GUNSHOT,1,${place}`);
  }
  return lines.join('\n');
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('interrupted import jobs', () => {
  it('a job running when the server stops is marked interrupted at the next start, with its rejects so far; importing the file again finishes it', async () => {
    const agency = await makeAgency(db.pool);
    const user = await makeUser(db.pool, agency.id, 'admin');
    const source = await makeSource(db.pool, agency.id, 'gunshot');
    await db.pool.query('INSERT INTO source_mapping (source_id, spec) VALUES ($1, $2)', [source.id, JSON.stringify(CHICAGO_SHOTS)]);
    app = await startTestApp(UNLIMITED, db);
    let admin = client(app.url, await app.login(user.username, user.password));
    const file = shots(150_000);
    const started = await admin(`/api/admin/sources/${source.id}/imports?fileName=big.csv`, { method: 'POST', raw: file, type: 'text/csv' });
    expect(started.status, started.text).toBe(202);
    const id = (started.body.job as { id: string }).id;
    // Cut the server off mid-import (no drain: as a crash or a kill would).
    await waitFor('progress', async () => ((await admin(`/api/admin/imports/${id}`)).body.job as { processed: number }).processed > 0);
    const exited = new Promise((r) => app!.proc.once('exit', r));
    app.proc.kill('SIGKILL');
    await exited;
    const before = await db.pool.query<{ status: string; processed: number }>('SELECT status, processed FROM import_job WHERE id = $1', [id]);
    expect(before.rows[0]!.status).toBe('running');
    expect(before.rows[0]!.processed).toBeLessThan(150_000);

    app = await startTestApp(UNLIMITED, db);
    admin = client(app.url, await app.login(user.username, user.password));
    // The same host and port would mark it at once; a new port (as here) is a new node: the job's silent heartbeat does.
    const job = await waitFor('the job marked interrupted', async () => {
      const j = (await admin(`/api/admin/imports/${id}`)).body.job as { status: string; error: string; refused: number; processed: number };
      return j.status === 'running' ? null : j;
    }, 90_000);
    expect(job.status).toBe('interrupted');
    expect(job.error).toMatch(/^Interrupted: the server stopped while this import ran \(\d+ of 150000 rows done\)\. Import the same file again to finish it/);
    const rejects = (await admin(`/api/admin/imports/${id}/rejects`)).text.trim().split(/\r?\n/);
    expect(rejects.length - 1).toBe(job.refused);
    expect(job.refused).toBeGreaterThan(0);

    const again = await admin(`/api/admin/sources/${source.id}/imports?fileName=big.csv`, { method: 'POST', raw: file, type: 'text/csv' });
    const id2 = (again.body.job as { id: string }).id;
    const done = await waitFor('the second import', async () => {
      const j = (await admin(`/api/admin/imports/${id2}`)).body.job as { status: string; accepted: number; duplicates: number; refused: number };
      return j.status === 'done' ? j : null;
    }, 240_000);
    expect(done.refused).toBe(15_000);
    expect(done.accepted + done.duplicates).toBe(135_000);
    expect(done.duplicates).toBeGreaterThan(0);
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event WHERE source_id = $1', [source.id]);
    expect(Number(rows[0]!.n)).toBe(135_000);
  }, 400_000);

  it("a node's start marks its own jobs left running at once; another node's only once their heartbeat is stale", async () => {
    const agency = await makeAgency(db.pool);
    const source = await makeSource(db.pool, agency.id, 'gunshot');
    const job = (node: string, heartbeatAgo: number) =>
      db.pool
        .query<{ id: string }>(
          `INSERT INTO import_job (id, source_id, agency_id, file_name, total, processed, node, heartbeat_at)
           VALUES (gen_random_uuid(), $1, $2, 'x.csv', 100, 40, $3, now() - make_interval(secs => $4)) RETURNING id`,
          [source.id, agency.id, node, heartbeatAgo],
        )
        .then((r) => r.rows[0]!.id);
    const mine = await job('here:1', 1);
    const otherLive = await job('there:1', 1);
    const otherDead = await job('there:2', 120);
    expect(await markInterruptedImports(db.pool, 'here:1')).toBe(2);
    const { rows } = await db.pool.query<{ id: string; status: string; error: string | null }>('SELECT id, status, error FROM import_job WHERE id = ANY($1::uuid[])', [[mine, otherLive, otherDead]]);
    const by = new Map(rows.map((r) => [r.id, r]));
    expect(by.get(mine)).toMatchObject({ status: 'interrupted', error: expect.stringContaining('(40 of 100 rows done)') });
    expect(by.get(otherDead)!.status).toBe('interrupted');
    expect(by.get(otherLive)!.status).toBe('running');
  });

  it('a value PostgreSQL refuses costs only its own row: the rest of the chunk is stored', async () => {
    const agency = await makeAgency(db.pool);
    const source = await makeSource(db.pool, agency.id, 'cad');
    const target = await loadImportTarget(db.pool, source.id);
    const records = Array.from({ length: 300 }, (_, i) => {
      // A NUL character passes the event schema but not PostgreSQL's text.
      const fields = { externalId: `nul-${i}`, kind: 'cad', typeCode: 'TEST', occurredAt: '2020-01-01T00:00:00Z', lat: null, lon: null, priority: null, address: i === 137 ? 'bad\u0000address' : '1 MAIN ST', payload: {} };
      return { row: i + 1, fields, raw: JSON.stringify(fields) };
    });
    const report = await importRecords({ pool: db.pool }, target, null, records);
    expect(report).toMatchObject({ rows: 300, accepted: 299, refused: 1, duplicates: 0 });
    expect(report.outcomes).toEqual([expect.objectContaining({ row: 138, status: 'refused', field: 'event' })]);
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event WHERE source_id = $1', [source.id]);
    expect(Number(rows[0]!.n)).toBe(299);
  });
});
