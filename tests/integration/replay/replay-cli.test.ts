import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZMappingSpec } from '@/lib/domain/source-mapping';
import { makeAgency, makeEvent, makeSource, uid } from '../../helpers/factories';
import { CHICAGO_SHOTS } from '../onboarding/helpers';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** `npm run replay` end to end: the real CLI posting to the real server, summary checked against the database. */
let app: TestApp;
let dir: string;
let source: { id: string; key: string };

function replay(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'scripts/replay.ts', ...args], { env: { ...process.env, ...env } });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => resolve({ code: code ?? -1, out, ms: Date.now() - t0 }));
  });
}

const summary = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;

beforeAll(async () => {
  app = await startTestApp();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-replay-'));
  const agency = await makeAgency(app.db.pool);
  source = await makeSource(app.db.pool, agency.id, 'cad');
});

afterAll(async () => {
  await app?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('replay CLI', () => {
  it('posts NDJSON in batches, reports sent/accepted/duplicates/rejected, and is idempotent on re-run', async () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const tag = uid('r');
    const lines = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify(makeEvent({ externalId: `${tag}-${i}`, occurredAt: new Date(t0 + i * 1000).toISOString() })),
    );
    lines.splice(10, 0, '{"externalId": "broken"', JSON.stringify(makeEvent({ lat: 123 })));
    const file = path.join(dir, 'events.ndjson');
    await fs.writeFile(file, lines.join('\n'));

    const first = await replay([file, '--source', 'test feed', '--speed', '0', '--url', app.url, '--key', source.key]);
    expect(summary(first.out), first.out).toEqual({ sent: 1200, accepted: 1200, duplicates: 0, rejected: 2 });
    expect(first.out).toContain('line 11 not sent: not JSON');
    expect(first.out).toMatch(/line 12 not sent: lat/);
    const { rows } = await app.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM event WHERE source_id = $1 AND external_id LIKE $2', [source.id, `${tag}-%`]);
    expect(Number(rows[0]!.n)).toBe(1200);

    const again = await replay([file, '--source', 'test feed', '--speed', '0', '--url', app.url], { RTCC_API_KEY: source.key });
    expect(summary(again.out)).toEqual({ sent: 1200, accepted: 0, duplicates: 1200, rejected: 2 });
  });

  it('keeps the file\'s pace × speed, and reads the SF ShotSpotter CSV by its header', async () => {
    const csv = (await fs.readFile('prisma/seed/data/sf-shotspotter-2013-2015.csv', 'utf8')).split('\n');
    // The first 25 rows span 5 days (432,000 s) of January 2013; at 432,000× that is ~1 s of wall time.
    const file = path.join(dir, 'renamed-export.csv');
    await fs.writeFile(file, csv.slice(0, 26).join('\n'));
    const r = await replay([file, '--source', 'shots', '--speed', '432000', '--url', app.url, '--key', source.key]);
    expect(r.out).toContain('SF ShotSpotter');
    const s = summary(r.out);
    expect(s.sent).toBe(25);
    expect(s.accepted! + s.duplicates!).toBe(25);
    expect(r.ms).toBeGreaterThan(700);
  });

  it('with a saved mapping: another city\'s export, every refused row reported and written to a reject file', async () => {
    const agency = await makeAgency(app.db.pool);
    await app.db.pool.query(`UPDATE agency SET time_zone = 'America/Chicago' WHERE id = $1`, [agency.id]);
    const shots = await makeSource(app.db.pool, agency.id, 'gunshot');
    await app.db.pool.query('INSERT INTO source_mapping (source_id, spec) VALUES ($1, $2)', [shots.id, JSON.stringify(ZMappingSpec.parse(CHICAGO_SHOTS))]);
    const file = path.join(dir, 'shotspotter_alerts.csv');
    await fs.copyFile('tests/fixtures/onboarding/chicago-shotspotter-alerts.csv', file);
    // --chunk 4: the file goes in three requests, and row numbers stay the file's own.
    const r = await replay(['--source', 'chicago shots', file, '--url', app.url, '--key', shots.key, '--chunk', '4']);
    expect(r.code).toBe(1);
    expect(summary(r.out)).toEqual({ sent: 9, accepted: 7, duplicates: 0, rejected: 2 });
    expect(r.out).toContain('as fast as possible');
    expect(r.out).toMatch(/row 5 refused: lat: a gunshot event needs a location/);
    expect(r.out).toMatch(/row 8 refused: occurredAt:/);
    expect(r.out).toMatch(/row 3 warning: local time .* does not exist/);
    const rejects = (await fs.readFile(path.join(dir, 'shotspotter_alerts.rejects.csv'), 'utf8')).trim().split('\n');
    expect(rejects).toHaveLength(3);
    expect(rejects[0]).toMatch(/^ID,DATE,.*,LOCATION,rtcc_row,rtcc_field,rtcc_reason$/);
    expect(rejects[1]).toMatch(/^24004,.*,5,lat,/);
  });

  it('refuses an unknown CSV header and a wrong key with a clear message', async () => {
    const file = path.join(dir, 'unknown.csv');
    await fs.writeFile(file, 'a,b\n1,2\n');
    const unknown = await replay([file, '--source', 'x', '--key', source.key, '--url', app.url]);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('unknown CSV header');
    const ndjson = path.join(dir, 'one.ndjson');
    await fs.writeFile(ndjson, JSON.stringify(makeEvent()));
    const badKey = await replay([ndjson, '--source', 'x', '--key', 'rtcc_nope', '--url', app.url, '--speed', '0']);
    expect(badKey.code).toBe(1);
    expect(badKey.out).toContain('API key was refused');
  });
});
