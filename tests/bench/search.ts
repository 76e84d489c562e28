// npm run bench:search — 1,000,000 events in an embedded PostgreSQL (temp dir): drawn box + 24 h search p95 and
// a 24 h rewind load. Last line: {"events": …, "searchP95Ms": …, "rewindLoadMs": …}. BENCH_EVENTS scales it down.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@/lib/platform/db/embedded';
import { applyMigrations } from '@/lib/platform/db/migrate';
import { createPool } from '@/lib/platform/db/pool';
import { EVENT_KINDS } from '@/lib/domain/event';
import { loadRewindForAgency } from '@/lib/search/load-rewind';
import { queryEventPage } from '@/lib/search/search-sql';

const N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const CITY = { w: -122.514, s: 37.708, e: -122.357, n: 37.833 }; // San Francisco
const DAYS = 30;
const BATCH = 100_000;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rtcc-bench-search-'));
  const db = await startEmbeddedPostgres(dir);
  try {
    await applyMigrations(db.url);
    const pool = createPool(db.url, 4);
    const agency = crypto.randomUUID();
    const other = crypto.randomUUID();
    await pool.query(`INSERT INTO agency (id, slug, name) VALUES ($1, 'bench', 'Bench'), ($2, 'other', 'Other')`, [agency, other]);
    const sources: string[] = [];
    for (const [i, a] of [agency, agency, agency, other].entries()) {
      const id = crypto.randomUUID();
      sources.push(id);
      await pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1,$2,'cad',$3,$4,'x')`, [
        id, a, `src-${i}`, crypto.randomBytes(16).toString('hex'),
      ]);
    }
    const end = Date.parse('2026-11-01T00:00:00Z');
    const start = end - DAYS * 86_400_000;
    const t0 = performance.now();
    // Server-side batches in time order (how a live system fills the table), with a little jitter.
    for (let a = 0; a < N; a += BATCH) {
      const b = Math.min(N, a + BATCH) - 1;
      await pool.query(
        `INSERT INTO event (source_id, external_id, kind, type_code, occurred_at, lat, lon, priority, title, address, payload)
         SELECT ($1::uuid[])[1 + (i % 4)], 'bench-' || i, k.kind, 'T' || (i % 40), $2::timestamptz + ((i::float8 / $3::float8) * $4::float8 + random() * 60000) * interval '1 ms',
                $5::float8 + random() * ($6::float8 - $5::float8), $7::float8 + random() * ($8::float8 - $7::float8), 1 + (i % 5), 'Bench event ' || i,
                (i % 2000) || ' Block of ' || (ARRAY['MARKET ST','MISSION ST','VALENCIA ST','GEARY BLVD','BROADWAY'])[1 + (i % 5)],
                CASE WHEN k.kind = 'lpr' THEN jsonb_build_object('plate', upper(substr(md5(i::text), 1, 7)))
                     WHEN k.kind = 'call911' THEN jsonb_build_object('callerNumber', '+1415' || lpad((i % 9999999)::text, 7, '0'))
                     ELSE '{}'::jsonb END
           FROM generate_series($9::int, $10::int) i
           CROSS JOIN LATERAL (SELECT ($11::text[])[1 + (i * 7 % array_length($11::text[], 1))] AS kind) k`,
        [sources, new Date(start).toISOString(), N, end - start, CITY.s, CITY.n, CITY.w, CITY.e, a, b, [...EVENT_KINDS]],
      );
    }
    const loadMs = performance.now() - t0;
    await pool.query('VACUUM ANALYZE event');
    console.log(`loaded ${N} events in ${(loadMs / 1000).toFixed(1)} s (${Math.round(N / (loadMs / 1000))}/s), vacuumed`);

    const times: number[] = [];
    let hits = 0;
    for (let r = 0; r < RUNS; r++) {
      const sizeKm = 1 + Math.random();
      const dLat = sizeKm / 111;
      const dLon = sizeKm / (111 * Math.cos((37.77 * Math.PI) / 180));
      const w = CITY.w + Math.random() * (CITY.e - CITY.w - dLon);
      const s = CITY.s + Math.random() * (CITY.n - CITY.s - dLat);
      const from = start + Math.random() * (end - start - 86_400_000);
      const q0 = performance.now();
      const page = await queryEventPage(pool, agency, {
        from: new Date(from).toISOString(),
        to: new Date(from + 86_400_000).toISOString(),
        bbox: [w, s, w + dLon, s + dLat],
        limit: 500,
      });
      times.push(performance.now() - q0);
      hits += page.events.length;
    }
    const searchP95 = pct(times, 95);
    console.log(`box + 24 h search: ${RUNS} runs, p50 ${pct(times, 50).toFixed(1)} ms, p95 ${searchP95.toFixed(1)} ms, mean hits ${(hits / RUNS).toFixed(0)}`);

    const rewindTimes: number[] = [];
    let count = 0;
    for (let r = 0; r < 5; r++) {
      const from = start + Math.random() * (end - start - 86_400_000);
      const q0 = performance.now();
      const frame = await loadRewindForAgency(pool, agency, new Date(from).toISOString(), new Date(from + 86_400_000).toISOString());
      JSON.stringify(frame); // what the route sends
      rewindTimes.push(performance.now() - q0);
      count = frame.t.length;
    }
    const rewind = pct(rewindTimes, 50);
    console.log(`24 h rewind: ${count} events, median ${rewind.toFixed(0)} ms, max ${Math.max(...rewindTimes).toFixed(0)} ms (5 runs)`);
    const size = await pool.query<{ t: string; i: string }>(
      `SELECT pg_size_pretty(pg_table_size('event')) t, pg_size_pretty(pg_indexes_size('event')) i`,
    );
    console.log(`event table ${size.rows[0]!.t}, its indexes ${size.rows[0]!.i}`);
    await pool.end();
    console.log(JSON.stringify({ events: N, searchP95Ms: Number(searchP95.toFixed(1)), rewindLoadMs: Math.round(rewind) }));
  } finally {
    await db.stop().catch(() => {});
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
