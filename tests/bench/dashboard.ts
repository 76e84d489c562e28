// npm run bench:dashboard — the supervisor dashboard over 1,000,000 events and 100,000 incidents (embedded
// PostgreSQL in a temp dir, the built server as `npm start` runs it): GET /api/dashboard p95, GET
// /api/dashboard/drill p95, and presence: a console joining an incident → another console's `watch` message, p95.
// Last line: {"events","dashboardLoadP95Ms","drillDownP95Ms","presenceUpdateP95Ms"}. BENCH_EVENTS / BENCH_INCIDENTS scale it down.
// BENCH_DB_DIR=<dir>: the cluster is kept there and the generated city reused by the next run of the same size
// (seeding a million rows takes minutes on a busy machine); the month ends when it was seeded, so reseed (delete
// the dir) when that is more than an hour ago: the last hours would hold fewer calls than a live city.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { hashPassword } from '@/lib/auth/password';
import { createSession } from '@/lib/auth/sessions';
import type { ClientToServer, ServerToClient } from '@/lib/domain/realtime';
import { benchDatabase, benchServer } from './support/bench-env';
import { generateCity, type BenchCity } from './support/dashboard-data';
import { percentile as pct } from './support/stats';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const LOADS = 40;
const DRILLS = 60;
const JOINS = 100;

type Sock = Socket<ServerToClient, ClientToServer>;

async function main(): Promise<void> {
  const keep = process.env.BENCH_DB_DIR;
  const env = await benchDatabase(keep);
  let server: Awaited<ReturnType<typeof benchServer>> | null = null;
  const sockets: Sock[] = [];
  try {
    const city = await seededCity(env.pool, keep);
    const cookieFor = async (role: string) => {
      const id = crypto.randomUUID();
      await env.pool.query(`INSERT INTO app_user (id, agency_id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $3, $4, $5)`,
        [id, city.agencyId, `bench-${role}-${id.slice(0, 6)}`, role, await hashPassword('bench-password-123')]);
      return `rtcc_session=${(await createSession(env.pool, id, 12, {})).token}`;
    };
    const supervisor = await cookieFor('supervisor');
    // No correlator: the generated month stands for what it already made; catching up on a million events would
    // open thousands of incidents and take the two cores from what is measured here.
    server = await benchServer(env.db.url, { CORRELATOR: '0' });
    const get = async (path: string) => {
      const q0 = performance.now();
      const res = await fetch(`${server!.url}${path}`, { headers: { cookie: supervisor } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
      return { ms: performance.now() - q0, body };
    };

    await get('/api/dashboard?hours=12'); // warm: district polygons, plans
    const loads: number[] = [];
    for (let r = 0; r < LOADS; r++) loads.push((await get(`/api/dashboard?hours=${[12, 24, 8][r % 3]}`)).ms);
    const sample = JSON.parse((await get('/api/dashboard?hours=12')).body) as { open: { total: number; byDistrict: { district: string }[] }; calls: { total: number }; response: { overall: { calls: number } } };
    console.log(`dashboard: ${LOADS} loads, p50 ${pct(loads, 50).toFixed(1)} ms, p95 ${pct(loads, 95).toFixed(1)} ms; 12 h: ${sample.open.total} open, ${sample.calls.total} calls, ${sample.response.overall.calls} CAD calls timed`);

    const districts = sample.open.byDistrict.map((d) => d.district);
    const drills: number[] = [];
    for (let r = 0; r < DRILLS; r++) {
      const d = encodeURIComponent(districts[r % districts.length] ?? 'Mission');
      const path = [
        `/api/dashboard/drill?chart=open&priority=${1 + (r % 4)}`,
        `/api/dashboard/drill?chart=open&district=${d}`,
        `/api/dashboard/drill?chart=response&district=${d}&hours=12`,
        `/api/dashboard/drill?chart=calls&hour=${encodeURIComponent(new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - (r % 12) * 3_600_000).toISOString())}`,
        `/api/dashboard/drill?chart=units&status=committed`,
      ][r % 5]!;
      drills.push((await get(path)).ms);
    }
    console.log(`drill-down: ${DRILLS} requests, p50 ${pct(drills, 50).toFixed(1)} ms, p95 ${pct(drills, 95).toFixed(1)} ms`);

    // Two consoles: A opens incidents one after another, B (watching the queue) hears each join.
    const connect = async (cookie: string) => {
      const s: Sock = io(server!.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.on('connect_error', reject);
        s.on('synced', () => resolve());
        s.on('connect', () => s.emit('resume', { afterSeq: null }, () => {}));
      });
      return s;
    };
    const [a, b] = [await connect(await cookieFor('operator')), await connect(await cookieFor('operator'))];
    const waiting = new Map<string, (at: number) => void>();
    b.on('watch', (w) => {
      if (w.viewers.length) waiting.get(w.incidentId)?.(performance.now());
    });
    const joins: number[] = [];
    for (let r = 0; r < JOINS; r++) {
      const id = city.openIncidents[r % city.openIncidents.length]!;
      const seen = new Promise<number>((resolve) => waiting.set(id, resolve));
      const q0 = performance.now();
      a.emit('presenceJoin', { incidentId: id }, () => {});
      joins.push((await seen) - q0);
      waiting.delete(id);
      a.emit('presenceLeave', { incidentId: id });
      await new Promise((r2) => setTimeout(r2, 20));
    }
    console.log(`presence: ${JOINS} joins, p50 ${pct(joins, 50).toFixed(1)} ms, p95 ${pct(joins, 95).toFixed(1)} ms (join on console A → watch on console B)`);
    console.log(JSON.stringify({
      events: EVENTS,
      dashboardLoadP95Ms: Number(pct(loads, 95).toFixed(1)),
      drillDownP95Ms: Number(pct(drills, 95).toFixed(1)),
      presenceUpdateP95Ms: Number(pct(joins, 95).toFixed(1)),
    }));
  } finally {
    for (const s of sockets) s.close();
    await server?.stop();
    await env.close();
  }
}

interface Seeded {
  events: number;
  incidents: number;
  at: number;
  city: BenchCity;
}

/** The city of a kept cluster when it has this size, else a new one (remembered in the kept dir). */
async function seededCity(pool: pg.Pool, keep: string | undefined): Promise<BenchCity> {
  const file = keep ? path.join(keep, 'dashboard-city.json') : null;
  const prev = file ? (JSON.parse(await fs.readFile(file, 'utf8').catch(() => 'null')) as Seeded | null) : null;
  if (prev && prev.events === EVENTS && prev.incidents === INCIDENTS) {
    console.log(`reusing the city seeded ${((Date.now() - prev.at) / 60_000).toFixed(0)} min ago in ${keep}`);
    return prev.city;
  }
  if (prev) throw new Error(`${keep} holds a city of another size: delete it first`);
  const t0 = performance.now();
  const city = await generateCity(pool, EVENTS, INCIDENTS);
  console.log(`generated ${EVENTS} events, ${INCIDENTS} incidents (${city.openIncidents.length}+ open) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (file) await fs.writeFile(file, JSON.stringify({ events: EVENTS, incidents: INCIDENTS, at: Date.now(), city } satisfies Seeded));
  return city;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
