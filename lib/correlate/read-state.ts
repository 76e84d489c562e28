import type pg from 'pg';
import { ACTIVE_STATUSES, type IncidentStatus } from '@/lib/domain/incident';
import type { EventKind } from '@/lib/domain/event';
import { ZPolygon } from '@/lib/domain/geofence';
import { ZAction, ZPremise } from '@/lib/domain/rule';
import type { Anchor } from './anchor-grid';
import { CameraIndex, type CameraGeo } from './camera-visibility';
import type { Engine } from './engine';
import { GeofenceIndex, type GeofenceGeo } from './geofences';
import { parseReasons } from './incident-dto';
import { CAD_STAGES, isoMs, newIncident, type CadStage, type ClosedBy, type CorrEvent, type IncidentState, type Origin } from './incident-state';
import { categoryOf } from './situation-rules';
import { schedule } from './lifecycle';
import type { CompiledRule } from './rule-engine';

/** SQL the correlator reads with; writes are in write-batch.ts. */

type Queryable = Pick<pg.Pool, 'query'>;

interface EventRow {
  seq: string; agency_id: string; kind: EventKind; type_code: string; t: number;
  lat: number | null; lon: number | null; priority: number | null; title: string | null; address: string | null;
  payload: Record<string, unknown>; stored_incident: string | null;
}

/** A committed event, and for CAD rows the id of a stored incident with its number (if any). */
export type ReadEvent = CorrEvent & { storedIncidentId: string | null };

/**
 * Committed events after the cursor, with their payload (the correlator needs incident numbers, units, plates).
 * For CAD rows it also looks up an incident already stored under the CAD number, in the same round trip: the
 * engine holds every active incident, so only a closed one found here needs loading.
 */
export async function readEventBatch(db: Queryable, afterSeq: bigint, limit: number): Promise<ReadEvent[]> {
  const { rows } = await db.query<EventRow>({
    name: 'correlator-read-events',
    text: `SELECT e.seq::text AS seq, s.agency_id, e.kind, e.type_code, (extract(epoch FROM e.occurred_at) * 1000)::float8 AS t,
            e.lat, e.lon, e.priority, e.title, e.address, e.payload,
            CASE WHEN e.kind = 'cad' THEN (SELECT i.id FROM incident i WHERE i.agency_id = s.agency_id AND i.number = e.payload->>'incidentNumber') END AS stored_incident
       FROM event e JOIN source s ON s.id = e.source_id
      WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
    values: [afterSeq.toString(), limit],
  });
  return rows.map((r) => ({
    seq: BigInt(r.seq), agencyId: r.agency_id, kind: r.kind, typeCode: r.type_code, occurredAtMs: r.t,
    lat: r.lat, lon: r.lon, priority: r.priority, title: r.title, address: r.address, payload: r.payload ?? {},
    storedIncidentId: r.stored_incident,
  }));
}

export const CORRELATOR_ID = 'main';

export async function readCursor(db: Queryable): Promise<bigint> {
  await db.query(`INSERT INTO correlator_state (id, last_seq) VALUES ($1, 0) ON CONFLICT (id) DO NOTHING`, [CORRELATOR_ID]);
  const { rows } = await db.query<{ last_seq: string }>('SELECT last_seq::text AS last_seq FROM correlator_state WHERE id = $1', [CORRELATOR_ID]);
  return BigInt(rows[0]?.last_seq ?? '0');
}

export function originOf(number: string): Origin {
  if (number.startsWith('911-')) return 'call911';
  if (number.startsWith('SST-')) return 'gunshot';
  if (number.startsWith('LPR-')) return 'alert';
  if (number.startsWith('RULE-')) return 'rule';
  if (number.startsWith('SEN-')) return 'sensor';
  if (number.startsWith('SPLIT-')) return 'manual';
  return 'cad';
}

const ORIGIN_KIND: Record<Origin, EventKind | null> = { cad: 'cad', call911: 'call911', gunshot: 'gunshot', alert: 'alert', rule: null, sensor: 'sensor', manual: null };

interface IncRow {
  id: string; agency_id: string; number: string; status: IncidentStatus; type_code: string; title: string;
  lat: number | null; lon: number | null; address: string | null; reasons: unknown; opened: number; last_seq: string;
  cad_status: CadStage | null; closed_by: ClosedBy | null; last_event: number | null; closed: number | null; merged_into: string | null;
}

/** Incidents (by a WHERE clause) with the facts their reasons are computed from: units, counts, cameras. */
async function hydrate(db: Queryable, where: string, params: unknown[]): Promise<IncidentState[]> {
  const { rows } = await db.query<IncRow>(
    `SELECT i.id, i.agency_id, i.number, i.status, i.type_code, i.title, i.lat, i.lon, i.address, i.reasons,
            (extract(epoch FROM i.opened_at) * 1000)::float8 AS opened, i.last_seq::text AS last_seq,
            i.cad_status, i.closed_by, i.merged_into, (extract(epoch FROM i.last_event_at) * 1000)::float8 AS last_event,
            (extract(epoch FROM i.closed_at) * 1000)::float8 AS closed
       FROM incident i WHERE ${where}`,
    params,
  );
  if (!rows.length) return [];
  const byId = new Map<string, IncidentState>();
  for (const r of rows) {
    const origin = originOf(r.number);
    const reasons = new Map(parseReasons(r.reasons).map((x) => [x.key, x]));
    const lastEventAtMs = r.last_event ?? r.opened;
    byId.set(r.id, newIncident({
      id: r.id, agencyId: r.agency_id, number: r.number, origin, status: r.status, typeCode: r.type_code,
      title: r.title, lat: r.lat, lon: r.lon, address: r.address, openedAtMs: r.opened, lastSeq: BigInt(r.last_seq), reasons,
      category: categoryOf(ORIGIN_KIND[origin] ?? 'cad', r.type_code, r.title), cadStatus: r.cad_status, closedBy: r.closed_by,
      closedAtMs: r.closed, lastEventAtMs, mergedInto: r.merged_into, lifeAtMs: reasons.has('life') ? lastEventAtMs : null,
    }));
  }
  const ids = [...byId.keys()];
  const units = await db.query<{ incident_id: string; call_sign: string }>(
    'SELECT incident_id, call_sign FROM incident_unit WHERE incident_id = ANY($1::uuid[])', [ids]);
  for (const u of units.rows) byId.get(u.incident_id)?.units.add(u.call_sign);
  const cams = await db.query<{ incident_id: string; camera_id: string }>(
    'SELECT incident_id, camera_id FROM incident_camera WHERE incident_id = ANY($1::uuid[]) ORDER BY incident_id, rank', [ids]);
  for (const c of cams.rows) byId.get(c.incident_id)?.cameraIds.push(c.camera_id);
  const facts = await db.query<FactRow>(
    `SELECT ie.incident_id, e.kind, count(*)::int AS n, min(e.priority)::int AS min_priority,
            min(e.payload->>'dispatchAt') AS dispatch_at, min(e.payload->>'onSceneAt') AS on_scene_at,
            max(e.payload->>'availableAt') AS available_at, min(e.payload->>'receivedAt') AS received_at,
            jsonb_object_agg(coalesce(e.payload->>'status', '-'), e.occurred_at) FILTER (WHERE e.payload ? 'status') AS stages,
            max(CASE WHEN jsonb_typeof(e.payload->'rounds') = 'number' THEN (e.payload->>'rounds')::int END) AS rounds,
            array_agg((extract(epoch FROM e.occurred_at) * 1000)::float8) FILTER (WHERE e.kind = 'call911') AS times,
            min(e.payload->>'plate') AS plate,
            array_agg(DISTINCT e.payload->>'incidentTrackingId') FILTER (WHERE e.kind = 'call911' AND e.payload ? 'incidentTrackingId') AS call_keys
       FROM incident_event ie JOIN event e ON e.seq = ie.event_seq
      WHERE ie.incident_id = ANY($1::uuid[]) GROUP BY 1, 2`, [ids]);
  for (const f of facts.rows) {
    const inc = byId.get(f.incident_id);
    if (!inc) continue;
    if (f.kind === 'gunshot') { inc.gunshots = f.n; inc.maxRounds = f.rounds ?? 0; }
    if (f.kind === 'sensor') inc.sensorCount = f.n;
    if (f.kind === 'cad') restoreCadTimes(inc, f);
    if (f.kind === 'call911') {
      inc.callTimes = f.times ?? [];
      for (const k of f.call_keys ?? []) inc.callKeys.add(k);
    }
    if (f.kind === ORIGIN_KIND[inc.origin]) inc.basePriority = f.min_priority;
    if (f.kind === 'alert' && inc.origin === 'alert') inc.plate = f.plate?.toUpperCase().replace(/[^A-Z0-9]/g, '') ?? null;
  }
  return [...byId.values()];
}

interface FactRow {
  incident_id: string; kind: EventKind; n: number; min_priority: number | null; rounds: number | null; times: number[]; plate: string | null;
  call_keys: string[] | null; dispatch_at: string | null; on_scene_at: string | null; available_at: string | null; received_at: string | null;
  stages: Record<string, string> | null;
}

/** CAD stage times from the incident's CAD records (lifecycle.ts keeps them in memory). */
function restoreCadTimes(inc: IncidentState, f: FactRow): void {
  const times = inc.cadTimes;
  const set = (k: CadStage, v: string | null | undefined) => {
    const t = isoMs(v);
    if (t !== null && (times[k] === undefined || t < times[k])) times[k] = t;
  };
  set('received', f.received_at);
  set('dispatched', f.dispatch_at);
  set('on_scene', f.on_scene_at);
  for (const s of CAD_STAGES) set(s, f.stages?.[s]);
  const available = isoMs(f.available_at);
  if (available !== null && times.cleared === undefined) times.cleared = available;
}

/** Closed incidents for CAD numbers of this batch the engine does not hold (late rows of closed calls). */
export async function prefetchNumbers(db: Queryable, engine: Engine, events: ReadEvent[]): Promise<void> {
  const ids = new Set<string>();
  for (const ev of events) if (ev.storedIncidentId && !engine.active.has(ev.storedIncidentId)) ids.add(ev.storedIncidentId);
  if (!ids.size) return;
  for (const inc of await hydrate(db, 'i.id = ANY($1::uuid[])', [[...ids]])) engine.remember(inc);
}

export async function reloadIncidents(db: Queryable, engine: Engine, ids: string[]): Promise<IncidentState[]> {
  return hydrate(db, 'i.id = ANY($1::uuid[])', [ids]);
}

/** Operators' splits among these incidents: pairs the engine never merges. */
export async function loadSeparations(db: Queryable, engine: Engine, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const { rows } = await db.query<{ a: string; b: string }>('SELECT a, b FROM incident_separation WHERE a = ANY($1::uuid[]) OR b = ANY($1::uuid[])', [ids]);
  for (const r of rows) engine.separate(r.a, r.b);
}

/** The events linked to an incident, and the sensors among them (an operator moved them to it: they follow). */
export async function linkedEvents(db: Queryable, id: string): Promise<{ seqs: Set<bigint>; sensors: string[] }> {
  const { rows } = await db.query<{ seq: string; sensor: string | null }>(
    `SELECT ie.event_seq::text AS seq, CASE WHEN e.kind = 'sensor' THEN e.payload->>'sensorId' END AS sensor
       FROM incident_event ie JOIN event e ON e.seq = ie.event_seq WHERE ie.incident_id = $1`, [id]);
  return { seqs: new Set(rows.map((r) => BigInt(r.seq))), sensors: [...new Set(rows.flatMap((r) => (r.sensor ? [r.sensor] : [])))] };
}

/** Cameras, geofences and enabled rules (invalid stored rules are skipped and reported). */
export async function loadReferenceData(db: Queryable, engine: Engine, log: (l: string) => void): Promise<void> {
  const cams = await db.query<{ id: string; agency_id: string; name: string; lat: number; lon: number; heading: number | null; fov_deg: number; range_m: number; ptz: boolean; status: string }>(
    'SELECT id, agency_id, name, lat, lon, heading, fov_deg, range_m, ptz, status FROM camera');
  const byAgency = new Map<string, CameraGeo[]>();
  for (const c of cams.rows) {
    const list = byAgency.get(c.agency_id) ?? [];
    list.push({ id: c.id, agencyId: c.agency_id, name: c.name, lat: c.lat, lon: c.lon, heading: c.heading, fovDeg: c.fov_deg, rangeM: c.range_m, ptz: c.ptz, status: c.status });
    byAgency.set(c.agency_id, list);
  }
  engine.cameras = new Map([...byAgency].map(([a, list]) => [a, new CameraIndex(list)]));

  const fences = await db.query<{ id: string; agency_id: string; name: string; kind: GeofenceGeo['kind']; polygon: unknown }>(
    'SELECT id, agency_id, name, kind, polygon FROM geofence');
  engine.geofences = new GeofenceIndex(fences.rows.flatMap((f) => {
    const p = ZPolygon.safeParse(f.polygon);
    return p.success ? [{ id: f.id, agencyId: f.agency_id, name: f.name, kind: f.kind, polygon: p.data }] : [];
  }));
  engine.units.refence(engine.geofences);

  const rules = await db.query<{ id: string; agency_id: string; name: string; premise: unknown; actions: unknown }>(
    'SELECT id, agency_id, name, premise, actions FROM rule WHERE enabled ORDER BY created_at');
  const byAgencyRules = new Map<string, CompiledRule[]>();
  for (const r of rules.rows) {
    const premise = ZPremise.safeParse(r.premise);
    const actions = ZAction.array().safeParse(r.actions);
    if (!premise.success || !actions.success) {
      log(`[correlate] rule ${r.id} (${r.name}) is invalid and skipped`);
      continue;
    }
    const list = byAgencyRules.get(r.agency_id) ?? [];
    list.push({ id: r.id, agencyId: r.agency_id, name: r.name, premise: premise.data, actions: actions.data });
    byAgencyRules.set(r.agency_id, list);
  }
  engine.rules = byAgencyRules;
}

/**
 * Rebuild after start or takeover: open incidents, stale-closed ones that may still reopen, and the located events
 * of the live window (largest correlation window plus allowed lateness, in event time, before the newest processed
 * event).
 */
export async function loadState(db: Queryable, engine: Engine, cursor: bigint, log: (l: string) => void): Promise<void> {
  await loadReferenceData(db, engine, log);
  for (const inc of await hydrate(db, 'i.status = ANY($1::text[])', [ACTIVE_STATUSES])) engine.remember(inc);
  await loadSeparations(db, engine, [...engine.active.keys()]);
  const wm = await db.query<{ t: number | null }>(
    `SELECT (extract(epoch FROM max(occurred_at)) * 1000)::float8 AS t FROM event WHERE seq > $1 AND seq <= $2`,
    [(cursor - 50_000n).toString(), cursor.toString()]);
  engine.watermark = wm.rows[0]?.t ?? 0;
  for (const inc of engine.active.values()) schedule(engine, inc, engine.watermark);
  const cutoff = engine.watermark - engine.maxWindowMs - engine.config.allowedLatenessMs;
  // Situations closed as stale within the reopen horizon (lifecycle.ts drops them past it): a report that joins one
  // reopens it after a restart exactly as without one. A CAD incident is found by its number instead (Engine.close).
  if (engine.watermark) {
    const stale = await hydrate(db, `i.status = 'closed' AND i.closed_by = 'stale' AND i.closed_at >= to_timestamp($1 / 1000.0)`, [cutoff]);
    for (const inc of stale) if (inc.origin !== 'cad') engine.stale.set(inc.id, inc);
    await loadSeparations(db, engine, [...engine.stale.keys()]);
  }
  await loadUnits(db, engine, cursor, engine.watermark - UNIT_FIX_WINDOW_MS);
  if (!engine.watermark) return;
  const { rows } = await db.query<{ seq: string; kind: EventKind; t: number; lat: number; lon: number; plate: string | null; available: string | null; incident_id: string | null; number: string | null }>(
    `SELECT e.seq::text AS seq, e.kind, (extract(epoch FROM e.occurred_at) * 1000)::float8 AS t, e.lat, e.lon,
            e.payload->>'plate' AS plate, e.payload->>'availableAt' AS available, i.id AS incident_id, i.number
       FROM event e
       LEFT JOIN incident_event ie ON ie.event_seq = e.seq
       LEFT JOIN incident i ON i.id = ie.incident_id AND (i.status = ANY($3::text[]) OR i.id = ANY($5::uuid[]))
      WHERE e.occurred_at >= to_timestamp($1 / 1000.0) AND e.seq <= $2 AND e.lat IS NOT NULL AND e.lon IS NOT NULL
        AND e.kind IN ('cad', 'call911', 'gunshot', 'lpr', 'alert', 'sensor')
      ORDER BY e.occurred_at DESC LIMIT $4`,
    [cutoff, cursor.toString(), ACTIVE_STATUSES, engine.config.maxAnchors, [...engine.stale.keys()]]);
  const owner = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const prev = owner.get(r.seq);
    // An event linked to several incidents (shots near a call) is anchored by the one it formed.
    const fits = r.incident_id !== null && (r.kind === 'gunshot') === (r.number?.startsWith('SST-') ?? false);
    if (!prev || (prev.incident_id === null && r.incident_id !== null) || fits) owner.set(r.seq, r);
  }
  for (const r of owner.values()) {
    const inc = engine.candidate(r.incident_id);
    const until = Math.max(r.t, isoMs(r.available) ?? r.t);
    if (r.kind === 'cad' && inc) {
      if (inc.anchor) {
        inc.anchor.t0 = Math.min(inc.anchor.t0, r.t);
        inc.anchor.t1 = Math.max(inc.anchor.t1, until);
        continue;
      }
      inc.anchor = anchorRow(r, until, inc.id);
      engine.addAnchor(inc.anchor);
      continue;
    }
    engine.addAnchor(anchorRow(r, until, inc?.id ?? null));
  }
}

function anchorRow(r: { seq: string; kind: EventKind; t: number; lat: number; lon: number; plate: string | null }, until: number, incidentId: string | null): Anchor {
  return { lat: r.lat, lon: r.lon, t0: r.t, t1: until, kind: r.kind, seq: BigInt(r.seq), incidentId, plate: r.plate?.toUpperCase().replace(/[^A-Z0-9]/g, '') ?? null };
}

const UNIT_FIX_WINDOW_MS = 30 * 60_000;

/**
 * Unit positions as of the cursor: the newest AVL fix per unit up to it (within 30 min of event time: moving units
 * report every few seconds, and a day of fixes would slow every start), else the `unit` row; status from that row. Replaying the fixes after the cursor then yields exactly the crossings they made.
 */
async function loadUnits(db: Queryable, engine: Engine, cursor: bigint, cutoff: number): Promise<void> {
  const stored = await db.query<{ agency_id: string; call_sign: string; status: string; lat: number; lon: number }>(
    'SELECT agency_id, call_sign, status, lat, lon FROM unit WHERE lat IS NOT NULL AND lon IS NOT NULL');
  const fixes = await db.query<{ agency_id: string; call_sign: string; lat: number; lon: number }>(
    `SELECT DISTINCT ON (s.agency_id, call_sign) s.agency_id, u.call_sign, e.lat, e.lon
       FROM event e JOIN source s ON s.id = e.source_id,
            LATERAL (SELECT btrim(coalesce(e.payload->>'callSign', e.payload->>'unitId', e.payload->>'deviceId')) AS call_sign) u
      WHERE e.kind = 'avl' AND e.seq <= $1 AND e.occurred_at >= to_timestamp($2 / 1000.0)
        AND e.lat IS NOT NULL AND e.lon IS NOT NULL AND u.call_sign <> ''
      ORDER BY s.agency_id, u.call_sign, e.seq DESC`,
    [cursor.toString(), cutoff]);
  const status = new Map(stored.rows.map((r) => [`${r.agency_id}|${r.call_sign}`, r.status]));
  for (const r of stored.rows) engine.units.place({ agencyId: r.agency_id, callSign: r.call_sign, status: r.status, lat: r.lat, lon: r.lon }, engine.geofences);
  for (const r of fixes.rows) {
    const st = status.get(`${r.agency_id}|${r.call_sign}`) ?? 'available';
    engine.units.place({ agencyId: r.agency_id, callSign: r.call_sign, status: st, lat: r.lat, lon: r.lon }, engine.geofences);
  }
}
