import crypto from 'node:crypto';
import type pg from 'pg';
import { foldDashboard } from '@/lib/dashboard/rollup';

const CITY = { w: -122.514, s: 37.708, e: -122.357, n: 37.833 }; // San Francisco
const DAYS = 30;
const BATCH = 100_000;

export interface BenchCity {
  agencyId: string;
  sources: string[];
  /** Active incidents (opened in the last 12 h), for presence joins. */
  openIncidents: string[];
}

/**
 * A month of one city, generated in PostgreSQL (as bench:search does, ~1 min): `events` events ending now —
 * 40 % SF-style CAD rows (3 units per call, dispatch / on-scene / available times in the payload), 10 % 911 calls,
 * 30 % unit GPS, the rest other kinds — received in time order; `incidents` incidents over the same month, each
 * linked to a CAD row, open when opened in the last 12 h; 300 units, 1,000 cameras.
 */
export async function generateCity(pool: pg.Pool, events: number, incidents: number): Promise<BenchCity> {
  const agencyId = crypto.randomUUID();
  await pool.query(`INSERT INTO agency (id, slug, name) VALUES ($1, 'bench', 'Bench city')`, [agencyId]);
  const sources: string[] = [];
  for (let i = 0; i < 4; i++) {
    const id = crypto.randomUUID();
    sources.push(id);
    await pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, 'cad', $3, $4, 'x')`, [id, agencyId, `src-${i}`, crypto.randomBytes(16).toString('hex')]);
  }
  const end = Date.now();
  const start = end - DAYS * 86_400_000;
  const ts = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  for (let a = 0; a < events; a += BATCH) {
    const b = Math.min(events, a + BATCH) - 1;
    await pool.query(
      `INSERT INTO event (source_id, external_id, kind, type_code, occurred_at, received_at, lat, lon, priority, title, address, payload)
       SELECT ($1::uuid[])[1 + (i % 4)], 'bench-' || i, k.kind, 'T' || (i % 40), t.at, t.at + random() * interval '3 seconds',
              $5::float8 + random() * ($6::float8 - $5::float8), $7::float8 + random() * ($8::float8 - $7::float8), 1 + (i % 5), 'Bench event ' || i,
              (i % 2000) || ' Block of ' || (ARRAY['MARKET ST','MISSION ST','VALENCIA ST','GEARY BLVD','BROADWAY'])[1 + (i % 5)],
              CASE WHEN k.kind = 'cad' THEN jsonb_build_object('callNumber', 'C' || (i / 30) || '-' || (i % 10 / 3), 'unitId', 'U' || (i % 300),
                     'dispatchAt', ${ts('t.at + d.disp')}, 'onSceneAt', ${ts('t.at + d.disp + d.drive')}, 'availableAt', ${ts('t.at + d.disp + d.drive + interval \'40 minutes\'')})
                   WHEN k.kind = 'call911' THEN jsonb_build_object('callerNumber', '+1415' || lpad((i % 9999999)::text, 7, '0'))
                   ELSE '{}'::jsonb END
         FROM generate_series($9::int, $10::int) i
         CROSS JOIN LATERAL (SELECT $2::timestamptz + ((i::float8 / $3::float8) * $4::float8) * interval '1 ms' AS at) t
         CROSS JOIN LATERAL (SELECT CASE WHEN i % 10 < 4 THEN 'cad' WHEN i % 10 = 4 THEN 'call911' WHEN i % 10 < 8 THEN 'avl'
                                         ELSE (ARRAY['gunshot','lpr','sensor','alert'])[1 + (i / 10) % 4] END AS kind) k
         CROSS JOIN LATERAL (SELECT (30 + random() * 270) * interval '1 second' AS disp, (120 + random() * 780) * interval '1 second' AS drive) d`,
      [sources, new Date(start).toISOString(), events, end - start, CITY.s, CITY.n, CITY.w, CITY.e, a, b],
    );
  }
  // Incident k is linked to CAD row step·k (i % 10 = 0 is always CAD), opened when that call came in.
  const step = Math.max(10, Math.floor(events / incidents / 10) * 10);
  for (let a = 0; a < incidents; a += BATCH) {
    const b = Math.min(incidents, a + BATCH) - 1;
    await pool.query(
      `WITH src AS (
         SELECT k, e.seq, e.occurred_at, e.lat, e.lon FROM generate_series($2::int, $3::int) k
           JOIN event e ON e.source_id = ($4::uuid[])[1 + ((k * $5::int) % 4)] AND e.external_id = 'bench-' || (k * $5::int)),
       ins AS (
         INSERT INTO incident (id, agency_id, number, status, type_code, title, lat, lon, address, score, reasons, opened_at, updated_at, closed_at, last_seq)
         SELECT gen_random_uuid(), $1, 'B' || k, CASE WHEN occurred_at > now() - interval '12 hours' THEN 'open' ELSE 'closed' END, 'Structure Fire', 'Bench incident ' || k,
                lat, lon, (k % 2000) || ' Block of MARKET ST', 10 + (k * 7919 % 61), '[]'::jsonb, occurred_at, occurred_at,
                CASE WHEN occurred_at > now() - interval '12 hours' THEN NULL ELSE occurred_at + interval '1 hour' END, seq
           FROM src RETURNING id, last_seq)
       INSERT INTO incident_event (incident_id, event_seq, reason) SELECT id, last_seq, 'bench' FROM ins`,
      [agencyId, a, b, sources, step],
    );
  }
  await pool.query(
    `INSERT INTO unit (id, agency_id, call_sign, status, lat, lon, updated_at)
     SELECT gen_random_uuid(), $1, 'AVL' || u, (ARRAY['available','dispatched','en_route','on_scene','out_of_service'])[1 + u % 5], 37.75, -122.44, now() - (u % 60) * interval '1 minute'
       FROM generate_series(1, 300) u`, [agencyId]);
  await pool.query(
    `INSERT INTO camera (id, agency_id, external_id, name, lat, lon, stream_kind, stream_url, status, last_seen_at)
     SELECT gen_random_uuid(), $1, 'cam-' || c, 'Camera ' || c, $2::float8 + random() * 0.1, $3::float8 + random() * 0.1, 'hls', 'http://127.0.0.1:9/x.m3u8',
            CASE WHEN c % 10 = 0 THEN 'offline' ELSE 'online' END, CASE WHEN c % 7 = 0 THEN NULL ELSE now() END
       FROM generate_series(1, 1000) c`, [agencyId, CITY.s, CITY.w]);
  // A server running through that month would have folded it into the dashboard's rollup as it came in.
  await foldDashboard(pool);
  await pool.query('VACUUM ANALYZE');
  const open = await pool.query<{ id: string }>(`SELECT id FROM incident WHERE agency_id = $1 AND status = 'open' ORDER BY opened_at DESC LIMIT 200`, [agencyId]);
  return { agencyId, sources, openIncidents: open.rows.map((r) => r.id) };
}
