// npm run eval:situations — quality of situation formation and of priority, through the real ingest endpoints.
//  1. a fresh embedded PostgreSQL and the real server (start-server.ts with every API route; no web pages needed);
//  2. the labelled scenario suite (tests/bench/support/situation-scenarios.ts: shootings, fires, collisions, pursuits,
//     near misses and plain negatives) posted in time order to /api/ingest/events, /cad and /gunshot; once the
//     correlator has caught up, each event's incident is compared with its label: pairwise precision/recall of
//     "these two events are the same situation", situations split over several incidents, incidents holding more
//     than one situation (falseMerges);
//  3. the SF Fire CAD demo week (prisma/seed/data) posted in time order, 5 min of event time per step, for another
//     agency; after each step the priority bands of its open incidents are counted: p1SharePct is the largest P1
//     share seen (steps with at least MIN_OPEN open incidents), and the CAD-only rule is checked (one incident per
//     distinct CAD incident number).
// Last line: {"pairPrecision", "pairRecall", "pairF1", "situationsSplit", "falseMerges", "p1SharePct"}.
// EVAL_PER_KIND scales the suite (default 12 scenarios of each kind).
import crypto from 'node:crypto';
import fs from 'node:fs';
import type pg from 'pg';
import { parseSfFireCad } from '@/lib/ingest/adapters/sf-fire-cad';
import { priorityBand } from '@/lib/domain/priority-band';
import { benchDatabase, benchTenant } from './support/bench-env';
import { startApiNode } from './support/api-node';
import { buildScenarios, type Door, type LabelledEvent } from './support/situation-scenarios';
import { newApiKey } from '@/lib/ingest/api-keys';

const PER_KIND = Number(process.env.EVAL_PER_KIND ?? 12);
const MIN_OPEN = 20;
const STEP_MS = 5 * 60_000;
const WEEK_MS = 7 * 86_400_000;
const DEMO_WEEK = '2026-11-16T00:00:00Z';
const PATH: Record<Door, string> = { events: '/api/ingest/events', cad: '/api/ingest/cad', gunshot: '/api/ingest/gunshot' };
const FIELD: Record<Door, string> = { events: 'events', cad: 'incidents', gunshot: 'detections' };

async function source(pool: pg.Pool, agencyId: string, kind: string): Promise<string> {
  const k = newApiKey();
  await pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, $3, $4, $5, $6)`,
    [crypto.randomUUID(), agencyId, kind, `eval-${kind}-${agencyId.slice(0, 6)}`, k.hash, k.hint]);
  return k.key;
}

async function post(url: string, key: string, door: Door, items: unknown[]): Promise<bigint[]> {
  const res = await fetch(`${url}${PATH[door]}`, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ [FIELD[door]]: items }),
  });
  const body = (await res.json()) as { results?: { seq: string }[] };
  if (res.status !== 202 || body.results?.length !== items.length) throw new Error(`${PATH[door]}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body.results.map((r) => BigInt(r.seq));
}

async function caughtUp(pool: pg.Pool, seq: bigint): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const { rows } = await pool.query<{ s: string }>(`SELECT last_seq::text AS s FROM correlator_state WHERE id = 'main'`);
    if (rows[0] && BigInt(rows[0].s) >= seq) return;
    if (Date.now() - t0 > 120_000) throw new Error(`correlator did not reach seq ${seq}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Scenario suite → pairwise precision/recall, split situations, false merges. */
async function evalScenarios(pool: pg.Pool, url: string, keys: Record<Door, string>) {
  const events = buildScenarios(PER_KIND);
  const seqOf = new Map<LabelledEvent, bigint>();
  let max = 0n;
  for (let i = 0; i < events.length; ) {
    let j = i;
    while (j < events.length && j - i < 500 && events[j]!.door === events[i]!.door) j++;
    const run = events.slice(i, j);
    const seqs = await post(url, keys[run[0]!.door], run[0]!.door, run.map((e) => e.item));
    run.forEach((e, k) => seqOf.set(e, seqs[k]!));
    for (const s of seqs) if (s > max) max = s;
    i = j;
  }
  await caughtUp(pool, max);
  const { rows } = await pool.query<{ seq: string; incident_id: string }>(
    `SELECT ie.event_seq::text AS seq, ie.incident_id FROM incident_event ie JOIN incident i ON i.id = ie.incident_id
      WHERE i.status <> 'merged' AND ie.event_seq = ANY($1::bigint[]) ORDER BY ie.event_seq, i.opened_at`, [[...seqOf.values()].map(String)]);
  const home = new Map<string, string>();
  for (const r of rows) if (!home.has(r.seq)) home.set(r.seq, r.incident_id);
  const labelled = events.map((e) => ({ sit: e.situation, inc: home.get(String(seqOf.get(e))) ?? `none-${String(seqOf.get(e))}` }));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let a = 0; a < labelled.length; a++) {
    for (let b = a + 1; b < labelled.length; b++) {
      const same = labelled[a]!.sit === labelled[b]!.sit;
      const together = labelled[a]!.inc === labelled[b]!.inc;
      if (same && together) tp++;
      else if (together) fp++;
      else if (same) fn++;
    }
  }
  const incidentsOf = new Map<string, Set<string>>();
  const situationsOf = new Map<string, Set<string>>();
  for (const l of labelled) {
    incidentsOf.set(l.sit, (incidentsOf.get(l.sit) ?? new Set()).add(l.inc));
    situationsOf.set(l.inc, (situationsOf.get(l.inc) ?? new Set()).add(l.sit));
  }
  const split = [...incidentsOf].filter(([, s]) => s.size > 1);
  const merged = [...situationsOf].filter(([, s]) => s.size > 1);
  console.log(`scenarios: ${events.length} events, ${incidentsOf.size} labelled situations, ${situationsOf.size} incidents`);
  for (const [sit, incs] of split) console.log(`  split: ${sit} over ${incs.size} incidents`);
  for (const [, sits] of merged) console.log(`  false merge: ${[...sits].join(' + ')}`);
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, split: split.length, falseMerges: merged.length };
}

/** The SF CAD week in 5-min steps of event time: largest P1 share of open incidents; one incident per CAD number. */
async function evalSfWeek(pool: pg.Pool, url: string) {
  const agencyId = crypto.randomUUID();
  await pool.query('INSERT INTO agency (id, slug, name) VALUES ($1, $2, $2)', [agencyId, `sf-week-${agencyId.slice(0, 6)}`]);
  const key = await source(pool, agencyId, 'cad');
  // The correlator has one clock (event time) for every agency, as live sources share one: the week is moved onto
  // a demo week after the scenarios, by whole weeks (weekday and time of day kept), like the demo feed does.
  const raw = parseSfFireCad(fs.readFileSync('prisma/seed/data/sf-fire-cad-2016-12-31-week.csv', 'utf8'));
  const first = Math.min(...raw.map((r) => Date.parse(r.occurredAt)));
  const shift = Math.ceil((Date.parse(DEMO_WEEK) - first) / WEEK_MS) * WEEK_MS;
  const move = (v: unknown) => (typeof v === 'string' && Number.isFinite(Date.parse(v)) ? new Date(Date.parse(v) + shift).toISOString() : v);
  const rows = raw.map((r) => ({
    ...r, occurredAt: move(r.occurredAt) as string,
    payload: { ...r.payload, dispatchAt: move(r.payload.dispatchAt), onSceneAt: move(r.payload.onSceneAt), availableAt: move(r.payload.availableAt) } as Record<string, unknown>,
  })).sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  let worst = { pct: 0, open: 0, bands: [0, 0, 0, 0], at: '' };
  let busiest = { pct: 0, open: 0, bands: [0, 0, 0, 0], at: '' };
  let samples = 0;
  let sum = 0;
  for (let i = 0; i < rows.length; ) {
    const end = Date.parse(rows[i]!.occurredAt) + STEP_MS;
    let j = i;
    while (j < rows.length && Date.parse(rows[j]!.occurredAt) < end && j - i < 1000) j++;
    const seqs = await post(url, key, 'events', rows.slice(i, j));
    await caughtUp(pool, seqs.reduce((m, s) => (s > m ? s : m), 0n));
    const { rows: open } = await pool.query<{ score: number }>(
      `SELECT score FROM incident WHERE agency_id = $1 AND status IN ('open', 'acknowledged', 'assigned', 'escalated')`, [agencyId]);
    const bands = [0, 0, 0, 0];
    for (const r of open) bands[priorityBand(r.score) - 1]!++;
    if (open.length >= MIN_OPEN) {
      const pct = (100 * bands[0]!) / open.length;
      samples++;
      sum += pct;
      if (pct > worst.pct || !worst.at) worst = { pct, open: open.length, bands, at: rows[j - 1]!.occurredAt };
      if (open.length > busiest.open) busiest = { pct, open: open.length, bands, at: rows[j - 1]!.occurredAt };
    }
    i = j;
  }
  const numbers = new Set(rows.map((r) => String(r.payload.incidentNumber)));
  const inc = await pool.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT number)::int AS d FROM incident WHERE agency_id = $1', [agencyId]);
  console.log(`SF CAD week: ${rows.length} rows, ${numbers.size} CAD numbers → ${inc.rows[0]!.n} incidents (${inc.rows[0]!.d} distinct numbers)`);
  console.log(`  P1 share of open incidents over ${samples} steps with ≥ ${MIN_OPEN} open: mean ${(sum / Math.max(1, samples)).toFixed(1)} %, max ${worst.pct.toFixed(1)} % at ${worst.at} (open ${worst.open}: P1 ${worst.bands[0]}, P2 ${worst.bands[1]}, P3 ${worst.bands[2]}, P4 ${worst.bands[3]})`);
  const everP1 = await pool.query<{ n: number }>(
    `SELECT count(DISTINCT h.incident_id)::int AS n FROM incident_history h JOIN incident i ON i.id = h.incident_id WHERE i.agency_id = $1 AND h.score >= 50`, [agencyId]);
  console.log(`  incidents that were P1 at some time: ${everP1.rows[0]!.n} of ${numbers.size}`);
  console.log(`  busiest step ${busiest.at}: open ${busiest.open}: P1 ${busiest.bands[0]}, P2 ${busiest.bands[1]}, P3 ${busiest.bands[2]}, P4 ${busiest.bands[3]}`);
  if (inc.rows[0]!.n !== numbers.size || inc.rows[0]!.d !== numbers.size) console.log('  ✗ CAD-only rows did not give exactly one incident per CAD incident number');
  return { p1SharePct: worst.pct };
}

async function main(): Promise<void> {
  const env = await benchDatabase();
  const node = await startApiNode(env.db.url);
  try {
    const tenant = await benchTenant(env.pool);
    const keys: Record<Door, string> = { events: await source(env.pool, tenant.agencyId, 'call911'), cad: await source(env.pool, tenant.agencyId, 'cad'), gunshot: await source(env.pool, tenant.agencyId, 'gunshot') };
    const q = await evalScenarios(env.pool, node.url, keys);
    const sf = await evalSfWeek(env.pool, node.url);
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    console.log(`pairs: precision ${r3(q.precision)}, recall ${r3(q.recall)}, F1 ${r3(q.f1)}; situations split ${q.split}; false merges ${q.falseMerges}`);
    console.log(JSON.stringify({ pairPrecision: r3(q.precision), pairRecall: r3(q.recall), pairF1: r3(q.f1), situationsSplit: q.split, falseMerges: q.falseMerges, p1SharePct: Math.round(sf.p1SharePct * 10) / 10 }));
  } finally {
    await node.close();
    await env.close();
  }
}

void main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
