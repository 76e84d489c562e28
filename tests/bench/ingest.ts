// npm run bench:ingest — durable ingest rate through the real HTTP API vs. the raw COPY rate of the same rows.
//  1. embedded PostgreSQL in a temp dir (fsync on), the real server process (server.ts, built Next.js, DEMO=0);
//  2. CLIENTS concurrent clients POST batches of 500 real SF Fire CAD rows (replicated with new ids) to
//     /api/ingest/events for ~SECONDS s; a 202 means committed. → eventsPerSec;
//     The headline runs the server as an ingest node (CORRELATOR=0); a second run is the all-in-one node, whose
//     correlator writes share the same 2 cores (eventsPerSecWithCorrelator);
//  3. the same rows COPY … FROM STDIN (CSV, one statement) into a scratch table shaped like `event` (same
//     indexes) → copyEventsPerSec.
// Last line: {"eventsPerSec": …, "copyEventsPerSec": …, "ratio": …, "eventsPerSecWithCorrelator": …}. BENCH_SECONDS / BENCH_CLIENTS tune it;
// BENCH_PROFILE=<dir> saves the server's CPU profile.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startEmbeddedPostgres } from '@/lib/platform/db/embedded';
import { applyMigrations } from '@/lib/platform/db/migrate';
import type { EventInput } from '@/lib/domain/event';
import { newApiKey } from '@/lib/ingest/api-keys';
import { ingestEvents } from '@/lib/ingest/ingest-events';
import { parseSfFireCad } from '@/lib/ingest/adapters/sf-fire-cad';
import { benchServer } from './support/bench-env';
import { parentPid, treeCpuSeconds } from './support/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const BATCH = 500;

const base = parseSfFireCad(fs.readFileSync('prisma/seed/data/sf-fire-cad-2016-12-31-week.csv', 'utf8'));
let lap = 0;
let cursor = 0;
/** Next batch of real rows; each lap over the file gets new external ids. */
function nextBatch(): EventInput[] {
  const out: EventInput[] = [];
  while (out.length < BATCH) {
    const e = base[cursor]!;
    out.push(lap === 0 ? e : { ...e, externalId: `${e.externalId}~${lap}` });
    if (++cursor === base.length) [cursor, lap] = [0, lap + 1];
  }
  return out;
}

/** Batches serialised before the clock starts: the load generator shares the 2 cores and should not time its own JSON.stringify. */
function prepareBatches(): { rows: EventInput[]; body: string }[] {
  const enough = Math.ceil((SECONDS * 40_000) / BATCH); // more than this machine can take in SECONDS
  return Array.from({ length: enough }, () => {
    const rows = nextBatch();
    return { rows, body: JSON.stringify({ events: rows }) };
  });
}

/** HTTP phase: CLIENTS loops posting pre-serialised batches until the time is up. */
async function httpPhase(url: string, key: string): Promise<{ rows: EventInput[]; seconds: number; accepted: number }> {
  const batches = prepareBatches();
  const sent: EventInput[] = [];
  let accepted = 0;
  let next = 0;
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const batch = batches[next++];
      if (!batch) throw new Error('ran out of prepared batches: raise prepareBatches() headroom');
      sent.push(...batch.rows);
      const res = await fetch(`${url}/api/ingest/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: batch.body,
      });
      const body = (await res.json()) as { accepted?: number; error?: string };
      if (res.status !== 202) throw new Error(`batch refused: ${res.status} ${body.error}`);
      accepted += body.accepted ?? 0;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { rows: sent, seconds: (performance.now() - t0) / 1000, accepted };
}

/** Diagnosis only: the same batches through ingestEvents() in this process, no HTTP/JSON/zod — the database's share. */
async function directPhase(databaseUrl: string, sourceId: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CLIENTS });
  let stored = 0;
  const t0 = performance.now();
  const deadline = t0 + (SECONDS / 2) * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < deadline) {
        // Not `stored += await …`: that reads `stored` before the await and loses the other callers' additions.
        const { results } = await ingestEvents({ pool }, sourceId, nextBatch());
        stored += results.length;
      }
    }),
  );
  await pool.end();
  return Math.round(stored / ((performance.now() - t0) / 1000));
}

const csvField = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `"${s.replaceAll('"', '""')}"`;
};

/** COPY phase: the same rows into a scratch copy of `event` (same columns, defaults and indexes). */
async function copyPhase(databaseUrl: string, sourceId: string, rows: EventInput[]): Promise<{ seconds: number; label: string }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await pool.query('DROP TABLE IF EXISTS event_copy_scratch');
  await pool.query('CREATE TABLE event_copy_scratch (LIKE event INCLUDING ALL)');
  const cols = 'source_id, external_id, kind, type_code, occurred_at, lat, lon, priority, title, address, payload';
  const csv = rows
    .map((e) => [sourceId, e.externalId, e.kind, e.typeCode, e.occurredAt, e.lat, e.lon, e.priority, e.title, e.address, e.payload].map(csvField).join(','))
    .join('\n');
  const client = await pool.connect();
  const t0 = performance.now();
  try {
    // COPY FROM STDIN through the same driver the server uses (pg-copy-streams): one statement, one transaction.
    await pipeline(Readable.from([Buffer.from(`${csv}\n`)]), client.query(copyFrom(`COPY event_copy_scratch (${cols}) FROM STDIN WITH (FORMAT csv)`)));
  } finally {
    client.release();
  }
  const seconds = (performance.now() - t0) / 1000;
  const label = 'COPY FROM STDIN (CSV, one statement) into a scratch copy of event';
  const { rows: count } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM event_copy_scratch');
  if (Number(count[0]!.n) !== rows.length) throw new Error(`COPY stored ${count[0]!.n} of ${rows.length} rows`);
  await pool.query('DROP TABLE event_copy_scratch');
  await pool.end();
  return { seconds, label };
}

/** The embedded cluster's postmaster: the parent of any backend. */
async function postmasterPid(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return parentPid(rows[0]!.pid);
  } finally {
    await client.end();
  }
}

async function httpRun(databaseUrl: string, key: string, env: Record<string, string>, label: string): Promise<{ rows: EventInput[]; seconds: number; accepted: number }> {
  const postmaster = await postmasterPid(databaseUrl);
  const app = await benchServer(databaseUrl, env);
  console.log(`[bench] ${label}: ${os.cpus().length} cores, ${CLIENTS} clients × batches of ${BATCH} for ${SECONDS} s → ${app.url}`);
  try {
    // Warm-up (route compilation, JIT, pool connections): a few batches, not counted and not copied.
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${app.url}/api/ingest/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ events: nextBatch() }),
      });
      if (res.status !== 202) throw new Error(`warm-up refused: ${res.status} ${await res.text()}`);
    }
    const cpu0 = { server: treeCpuSeconds(app.proc.pid!), db: treeCpuSeconds(postmaster) };
    const http = await httpPhase(app.url, key);
    const perK = (s: number) => ((s * 1000) / http.accepted).toFixed(3);
    const cpu = { server: treeCpuSeconds(app.proc.pid!) - cpu0.server, db: treeCpuSeconds(postmaster) - cpu0.db };
    console.log(`[bench] ${label}: ${http.accepted} events committed in ${http.seconds.toFixed(1)} s → ${Math.round(http.accepted / http.seconds)} events/s; CPU s per 1,000 events: server ${perK(cpu.server)}, PostgreSQL ${perK(cpu.db)}; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    return http;
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rtcc-bench-ingest-'));
  const db = await startEmbeddedPostgres(dir);
  try {
    await applyMigrations(db.url);
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const agencyId = crypto.randomUUID();
    await pool.query(`INSERT INTO agency (id, slug, name) VALUES ($1, 'bench', 'Bench')`, [agencyId]);
    const { key, hash, hint } = newApiKey();
    const sourceId = crypto.randomUUID();
    await pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'cad', 'bench', $3, $4)`, [sourceId, agencyId, hash, hint]);
    await pool.end();

    // Headline: an ingest node (CORRELATOR=0), so the figure is the write path the COPY baseline compares with.
    // Then the all-in-one node `npm start` runs, where the correlator's own writes share the 2 cores.
    const http = await httpRun(db.url, key, { CORRELATOR: '0' }, 'ingest node (CORRELATOR=0)');
    const eventsPerSec = Math.round(http.accepted / http.seconds);
    const withCorrelator = await httpRun(db.url, key, {}, 'all-in-one node (correlator running)');
    const eventsPerSecWithCorrelator = Math.round(withCorrelator.accepted / withCorrelator.seconds);

    const direct = await directPhase(db.url, sourceId);
    console.log(`[bench] diagnosis: ingestEvents() in-process (no HTTP, JSON or zod), ${CLIENTS} callers → ${direct} events/s`);

    const copy = await copyPhase(db.url, sourceId, http.rows);
    const copyEventsPerSec = Math.round(http.rows.length / copy.seconds);
    console.log(`[bench] ${copy.label}: ${http.rows.length} rows in ${copy.seconds.toFixed(2)} s → ${copyEventsPerSec} rows/s`);
    const ratio = Math.round((eventsPerSec / copyEventsPerSec) * 1000) / 1000;
    console.log(JSON.stringify({ eventsPerSec, copyEventsPerSec, ratio, eventsPerSecWithCorrelator }));
  } finally {
    await db.stop();
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
