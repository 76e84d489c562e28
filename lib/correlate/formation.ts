import type { Anchor } from './anchor-grid';
import { distanceM as dist } from './geo';
import type { Engine } from './engine';
import { int, isoMs, located, str, type CorrEvent, type IncidentState } from './incident-state';
import { reasonText } from './reasons';

const CALLS_WINDOW_MS = 5 * 60_000;
const minutesApart = (a: number, b: number) => Math.round(Math.abs(a - b) / 60_000);

const anchorOf = (ev: CorrEvent & { lat: number; lon: number }, incidentId: string | null, t1 = ev.occurredAtMs, plate: string | null = null): Anchor => ({
  lat: ev.lat,
  lon: ev.lon,
  t0: ev.occurredAtMs,
  t1: Math.max(t1, ev.occurredAtMs),
  kind: ev.kind,
  seq: ev.seq,
  incidentId,
  plate,
});

/** Distinct active incidents among anchors (nearest first), with the distance of their nearest anchor. */
function incidentsNear(engine: Engine, hits: { anchor: Anchor; distanceM: number }[]): { inc: IncidentState; distanceM: number; anchor: Anchor }[] {
  const seen = new Map<string, { inc: IncidentState; distanceM: number; anchor: Anchor }>();
  for (const h of hits) {
    const id = h.anchor.incidentId;
    if (!engine.isActive(id) || seen.has(id)) continue;
    seen.set(id, { inc: engine.active.get(id)!, distanceM: h.distanceM, anchor: h.anchor });
  }
  return [...seen.values()];
}

/** Shots near an open call: a reason on the call (and the event linked to it), and one on the gunshot incident. */
function shotsNearCall(engine: Engine, shots: IncidentState, call: IncidentState, meters: number, shotSeq: bigint): void {
  engine.setReason(call, reasonText.shotsNear(shots.number, meters, call.number));
  engine.link(call, shotSeq, `shots fired ${Math.round(meters)} m away (gunshot incident ${shots.number})`);
  engine.setReason(shots, reasonText.openCallNear(call.number, call.title, meters));
}

/**
 * CAD: one incident per CAD incident number, whatever the number of unit rows. A new CAD incident adopts the
 * 911-call incidents opened for the same place and time (911 window), and notes shots fired nearby.
 */
export function onCad(engine: Engine, ev: CorrEvent): IncidentState {
  const number = str(ev.payload.incidentNumber) ?? `CAD-${str(ev.payload.callNumber) ?? ev.seq.toString()}`;
  const title = ev.title ?? ev.typeCode;
  let inc = engine.findByNumber(ev.agencyId, number);
  if (!inc) inc = engine.create(ev, { number, origin: 'cad', typeCode: ev.typeCode, title }, `opened from CAD incident ${number}`);
  else engine.link(inc, ev.seq, `CAD unit record of incident ${number}`);
  engine.setBase(inc, ev, title);
  // SF Fire rows carry one unit each; CAD JSON updates carry the list of units.
  const unit = str(ev.payload.unitId);
  if (unit) engine.addUnit(inc, unit);
  if (Array.isArray(ev.payload.units)) {
    for (const u of ev.payload.units) {
      const callSign = u && typeof u === 'object' ? str((u as Record<string, unknown>).callSign) : str(u);
      if (callSign) engine.addUnit(inc, callSign);
    }
  }
  if (ev.payload.status === 'cleared') {
    engine.close(inc, `closed: CAD cleared incident ${number}`);
    return inc;
  }
  if (!located(ev)) return inc;
  engine.placeAt(inc, ev);
  const until = isoMs(ev.payload.availableAt) ?? ev.occurredAtMs;
  if (inc.anchor) {
    inc.anchor.t0 = Math.min(inc.anchor.t0, ev.occurredAtMs);
    inc.anchor.t1 = Math.max(inc.anchor.t1, until);
    return inc;
  }
  inc.anchor = anchorOf(ev, inc.id, until);
  engine.addAnchor(inc.anchor);
  // A late CAD row of a closed incident must not pull live calls into it.
  if (!engine.isActive(inc.id)) return inc;
  const w911 = engine.window('call911');
  const calls = engine.grid.query(ev, ev.occurredAtMs, w911.radiusM, w911.windowMs, (a) => a.kind === 'call911');
  for (const { inc: other, distanceM, anchor } of incidentsNear(engine, calls)) {
    if (other.origin !== 'call911' || other.id === inc.id || other.lat === null || other.lon === null) continue;
    if (dist(ev, { lat: other.lat, lon: other.lon }) > w911.radiusM) continue;
    engine.merge(other, inc, `911 call ${Math.round(distanceM)} m and ${minutesApart(anchor.t0, ev.occurredAtMs)} min from CAD incident ${number}`);
  }
  if (inc.callTimes.length) countCalls(engine, inc, ev.occurredAtMs);
  const wShots = engine.window('gunshot');
  const shots = engine.grid.query(ev, ev.occurredAtMs, wShots.radiusM, wShots.windowMs, (a) => a.kind === 'gunshot');
  for (const { inc: s, distanceM, anchor } of incidentsNear(engine, shots)) shotsNearCall(engine, s, inc, distanceM, anchor.seq);
  return inc;
}

function countCalls(engine: Engine, inc: IncidentState, t: number): void {
  const n = inc.callTimes.filter((c) => Math.abs(c - t) <= CALLS_WINDOW_MS).length;
  if (n >= 2) engine.setReason(inc, reasonText.calls(n, 5));
}

/** 911: join the nearest open call (CAD or 911) of the same place and time, or open a call incident. */
export function onCall911(engine: Engine, ev: CorrEvent): IncidentState {
  const title = ev.title ?? ev.typeCode;
  // An update of a call already correlated (same EIDO incident tracking id) stays where the call is.
  const callKey = str(ev.payload.incidentTrackingId);
  let inc = callKey ? engine.findByCallKey(ev.agencyId, callKey) : undefined;
  if (inc) engine.link(inc, ev.seq, `update of 911 call ${callKey}`);
  const cadNumber = str(ev.payload.incidentNumber) ?? str(ev.payload.cadIncidentNumber) ?? str(ev.payload.internalIncidentId);
  const byNumber = !inc && cadNumber ? engine.findByNumber(ev.agencyId, cadNumber) : undefined;
  if (byNumber && engine.isActive(byNumber.id)) {
    inc = byNumber;
    engine.link(inc, ev.seq, `911 call for CAD incident ${inc.number}`);
  }
  if (!inc && located(ev)) {
    const w = engine.window('call911');
    const hits = engine.grid.query(ev, ev.occurredAtMs, w.radiusM, w.windowMs, (a) => a.kind === 'call911' || a.kind === 'cad');
    // Measured to the incident's own place, so calls cannot chain a call incident across the city.
    const nearest = incidentsNear(engine, hits).find((h) => h.inc.lat !== null && h.inc.lon !== null && dist(ev, { lat: h.inc.lat, lon: h.inc.lon }) <= w.radiusM);
    if (nearest) {
      inc = nearest.inc;
      const what = inc.origin === 'cad' ? `CAD incident ${inc.number}` : `call ${inc.number}`;
      engine.link(inc, ev.seq, `911 call ${Math.round(nearest.distanceM)} m and ${minutesApart(nearest.anchor.t0, ev.occurredAtMs)} min from ${what}`);
    }
  }
  const fresh = !inc;
  if (!inc) inc = engine.create(ev, { number: `911-${ev.seq}`, origin: 'call911', typeCode: ev.typeCode, title }, 'opened from a 911 call');
  if (inc.origin === 'call911') engine.setBase(inc, ev, title);
  if (callKey) {
    const repeat = inc.callKeys.has(callKey);
    engine.addCallKey(inc, callKey);
    // An EIDO update is the same call again: it does not count as another caller.
    if (repeat) return inc;
  }
  inc.callTimes.push(ev.occurredAtMs);
  countCalls(engine, inc, ev.occurredAtMs);
  if (!located(ev)) return inc;
  engine.placeAt(inc, ev);
  engine.addAnchor(anchorOf(ev, inc.id));
  if (fresh) {
    const wShots = engine.window('gunshot');
    const shots = engine.grid.query(ev, ev.occurredAtMs, wShots.radiusM, wShots.windowMs, (a) => a.kind === 'gunshot');
    for (const { inc: s, distanceM, anchor } of incidentsNear(engine, shots)) shotsNearCall(engine, s, inc, distanceM, anchor.seq);
  }
  return inc;
}

/**
 * Gunshots: detections within the gunshot window of each other form one burst incident (single linkage, so a
 * late detection bridging two bursts merges them). Open calls nearby get "shots fired … from open call".
 */
export function onGunshot(engine: Engine, ev: CorrEvent): IncidentState {
  const title = ev.title ?? ev.typeCode;
  const rounds = int(ev.payload.rounds) ?? 0;
  let inc: IncidentState | undefined;
  if (located(ev)) {
    const w = engine.window('gunshot');
    const bursts = incidentsNear(engine, engine.grid.query(ev, ev.occurredAtMs, w.radiusM, w.windowMs, (a) => a.kind === 'gunshot'))
      .filter((b) => b.inc.origin === 'gunshot')
      .sort((a, b) => a.inc.openedAtMs - b.inc.openedAtMs || (a.inc.number < b.inc.number ? -1 : 1));
    inc = bursts[0]?.inc;
    if (inc) {
      engine.link(inc, ev.seq, `detection ${Math.round(bursts[0]!.distanceM)} m and ${minutesApart(bursts[0]!.anchor.t0, ev.occurredAtMs)} min from burst ${inc.number}`);
      for (const other of bursts.slice(1)) engine.merge(other.inc, inc, `detection ${ev.seq} lies within the gunshot window of both bursts`);
    }
  }
  if (!inc) inc = engine.create(ev, { number: `SST-${ev.seq}`, origin: 'gunshot', typeCode: ev.typeCode, title }, 'opened from a gunshot detection');
  inc.gunshots += 1;
  inc.maxRounds = Math.max(inc.maxRounds, rounds);
  engine.setBase(inc, ev, inc.maxRounds > 0 ? `${title} (${inc.maxRounds} rounds)` : title);
  if (inc.gunshots >= 2) engine.setReason(inc, reasonText.burst(inc.gunshots));
  if (!located(ev)) return inc;
  engine.placeAt(inc, ev);
  engine.addAnchor(anchorOf(ev, inc.id));
  const w = engine.window('gunshot');
  const calls = engine.grid.query(ev, ev.occurredAtMs, w.radiusM, w.windowMs, (a) => a.kind === 'cad' || a.kind === 'call911');
  for (const { inc: call, distanceM } of incidentsNear(engine, calls)) {
    if (call.origin === 'cad' || call.origin === 'call911') shotsNearCall(engine, inc, call, distanceM, ev.seq);
  }
  return inc;
}

const plateOf = (ev: CorrEvent) => str(ev.payload.plate)?.toUpperCase().replace(/[^A-Z0-9]/g, '') ?? null;

/** An LPR hotlist hit opens an alert; repeat hits of the plate in the LPR window join it, with its recent reads. */
export function onHotlistHit(engine: Engine, ev: CorrEvent): IncidentState {
  const plate = plateOf(ev);
  const w = engine.window('lpr');
  let inc: IncidentState | undefined;
  if (plate && located(ev)) {
    const prior = incidentsNear(engine, engine.grid.query(ev, ev.occurredAtMs, w.radiusM, w.windowMs, (a) => a.kind === 'alert' && a.plate === plate))[0];
    inc = prior?.inc;
    if (inc) engine.link(inc, ev.seq, `hotlist hit of ${plate} again, ${Math.round(prior!.distanceM)} m away`);
  }
  const title = ev.title ?? `LPR hotlist hit${plate ? `: ${plate}` : ''}`;
  if (!inc) inc = engine.create(ev, { number: `LPR-${ev.seq}`, origin: 'alert', typeCode: ev.typeCode, title, plate }, 'opened from an LPR hotlist hit');
  engine.setBase(inc, ev, title);
  if (!located(ev)) return inc;
  engine.placeAt(inc, ev);
  engine.addAnchor(anchorOf(ev, inc.id, ev.occurredAtMs, plate));
  if (plate) {
    for (const { anchor, distanceM } of engine.grid.query(ev, ev.occurredAtMs, w.radiusM, w.windowMs, (a) => a.kind === 'lpr' && a.plate === plate && a.incidentId === null)) {
      anchor.incidentId = inc.id;
      engine.link(inc, anchor.seq, `read of ${plate} ${Math.round(distanceM)} m away within ${Math.round(w.windowMs / 60_000)} min`);
    }
  }
  return inc;
}

/** A plain LPR read: linked to an open hotlist alert for the same plate nearby, and kept for later hits. */
export function onLprRead(engine: Engine, ev: CorrEvent): IncidentState | null {
  const plate = plateOf(ev);
  if (!plate || !located(ev)) return null;
  const w = engine.window('lpr');
  const alert = incidentsNear(engine, engine.grid.query(ev, ev.occurredAtMs, w.radiusM, w.windowMs, (a) => a.kind === 'alert' && a.plate === plate))[0];
  if (alert) engine.link(alert.inc, ev.seq, `read of ${plate} ${Math.round(alert.distanceM)} m from the hotlist hit`);
  engine.addAnchor(anchorOf(ev, alert?.inc.id ?? null, ev.occurredAtMs, plate));
  return alert?.inc ?? null;
}
