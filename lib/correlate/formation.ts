import type { Reason } from '@/lib/domain/incident';
import type { Anchor } from './anchor-grid';
import type { Engine } from './engine';
import { int, isoMs, located, str, type CorrEvent, type IncidentState } from './incident-state';
import { adoptInto, candidatesFor, joinBest, noteCategory, noteLife } from './joining';
import { noteCadTimes, updateCadStatus } from './lifecycle';
import { reasonText, roundsText } from './reasons';
import { categoryOf } from './situation-rules';

const CALLS_WINDOW_MS = 5 * 60_000;

export const anchorOf = (ev: CorrEvent & { lat: number; lon: number }, incidentId: string | null, t1 = ev.occurredAtMs, plate: string | null = null): Anchor => ({
  lat: ev.lat,
  lon: ev.lon,
  t0: ev.occurredAtMs,
  t1: Math.max(t1, ev.occurredAtMs),
  kind: ev.kind,
  seq: ev.seq,
  incidentId,
  plate,
  cat: categoryOf(ev.kind, ev.typeCode, ev.title),
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

/**
 * Shots near an open call of a type they cannot be part of (a medical call, a fire): not joined, but each mentions
 * the other as a reason, so the operator sees both.
 */
function mentionShots(engine: Engine, shots: IncidentState, call: IncidentState, meters: number): void {
  if (shots.id === call.id) return;
  engine.setReason(call, weighedOnce(call, 'shots:', reasonText.shotsNear(shots.number, meters, call.number)));
  engine.setReason(shots, weighedOnce(shots, 'call:', reasonText.openCallNear(call.number, call.title, meters)));
}

/**
 * The first mention of its kind carries the weight; later ones are listed at +0. A one-round detection in a busy
 * district lies near a dozen open medical calls: at +20 each it scored 370 and topped the queue above a four-round
 * shooting with 911 calls about it. Being near open calls is a reason once, however many there are.
 */
function weighedOnce(inc: IncidentState, prefix: string, r: Reason): Reason {
  const cur = inc.reasons.get(r.key);
  if (cur) return { ...r, weight: cur.weight };
  for (const [key, other] of inc.reasons) if (key.startsWith(prefix) && other.weight > 0) return { ...r, weight: 0 };
  return r;
}

function mentionShotsNear(engine: Engine, ev: CorrEvent & { lat: number; lon: number }, inc: IncidentState): void {
  const w = engine.window('gunshot');
  const shots = engine.grid.query(ev, ev.occurredAtMs, w.radiusM, w.windowMs, (a) => a.kind === 'gunshot');
  for (const { inc: s, distanceM } of incidentsNear(engine, shots)) if (s.origin === 'gunshot') mentionShots(engine, s, inc, distanceM);
}

/**
 * CAD: one incident per CAD incident number, whatever the number of unit rows. A new CAD incident adopts the
 * situations of other sources its record belongs to (situation-rules.ts); its stages and close follow the CAD.
 */
export function onCad(engine: Engine, ev: CorrEvent): IncidentState {
  const number = str(ev.payload.incidentNumber) ?? `CAD-${str(ev.payload.callNumber) ?? ev.seq.toString()}`;
  const title = ev.title ?? ev.typeCode;
  const cat = categoryOf('cad', ev.typeCode, ev.title);
  let inc = engine.findByNumber(ev.agencyId, number);
  if (!inc) inc = engine.create(ev, { number, origin: 'cad', typeCode: ev.typeCode, title, category: cat }, `opened from CAD incident ${number}`);
  else engine.link(inc, ev.seq, `CAD ${typeof ev.payload.status === 'string' ? `${ev.payload.status.replace('_', ' ')} ` : 'unit '}record of incident ${number}`, ev.occurredAtMs);
  noteCategory(inc, 'cad', cat);
  engine.setBase(inc, ev, title);
  noteLife(inc, ev, cat);
  // SF Fire rows carry one unit each; CAD JSON updates carry the list of units.
  const unit = str(ev.payload.unitId);
  if (unit) engine.addUnit(inc, unit);
  if (Array.isArray(ev.payload.units)) {
    for (const u of ev.payload.units) {
      const callSign = u && typeof u === 'object' ? str((u as Record<string, unknown>).callSign) : str(u);
      if (callSign) engine.addUnit(inc, callSign);
    }
  }
  noteCadTimes(inc, ev);
  if (ev.payload.status === 'cleared') {
    inc.cadStatus = 'cleared';
    engine.close(inc, `closed: CAD cleared incident ${number}`, 'cad', ev.occurredAtMs);
    return inc;
  }
  if (engine.isActive(inc.id)) updateCadStatus(engine, inc, Math.max(engine.watermark, ev.occurredAtMs));
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
  adoptInto(engine, ev, inc, cat);
  if (inc.callTimes.length) countCalls(engine, inc, ev.occurredAtMs);
  mentionShotsNear(engine, ev, inc);
  return inc;
}

function countCalls(engine: Engine, inc: IncidentState, t: number): void {
  const n = inc.callTimes.filter((c) => Math.abs(c - t) <= CALLS_WINDOW_MS).length;
  if (n >= 2) engine.setReason(inc, reasonText.calls(n, 5));
}

/** 911: an update of a known call, a call for a known CAD incident, or the situation it plausibly reports. */
export function onCall911(engine: Engine, ev: CorrEvent): IncidentState {
  const title = ev.title ?? ev.typeCode;
  const cat = categoryOf('call911', ev.typeCode, ev.title);
  // An update of a call already correlated (same EIDO incident tracking id) stays where the call is.
  const callKey = str(ev.payload.incidentTrackingId);
  let inc = callKey ? engine.findByCallKey(ev.agencyId, callKey) : undefined;
  if (inc) engine.link(inc, ev.seq, `update of 911 call ${callKey}`, ev.occurredAtMs);
  const cadNumber = str(ev.payload.incidentNumber) ?? str(ev.payload.cadIncidentNumber) ?? str(ev.payload.internalIncidentId);
  const byNumber = !inc && cadNumber ? engine.findByNumber(ev.agencyId, cadNumber) : undefined;
  if (byNumber && engine.isActive(byNumber.id)) {
    inc = byNumber;
    engine.link(inc, ev.seq, `911 call for CAD incident ${inc.number}`, ev.occurredAtMs);
  }
  if (!inc && located(ev)) inc = joinBest(engine, ev, candidatesFor(engine, ev, cat));
  const fresh = !inc;
  if (!inc) inc = engine.create(ev, { number: `911-${ev.seq}`, origin: 'call911', typeCode: ev.typeCode, title, category: cat }, 'opened from a 911 call');
  noteCategory(inc, 'call911', cat);
  noteLife(inc, ev, cat);
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
  if (fresh) mentionShotsNear(engine, ev, inc);
  return inc;
}

/** "Multiple Gunshots (4 rounds)" → "Multiple Gunshots": the round count is added once, from the whole burst. */
const withoutRounds = (title: string) => title.replace(/\s*\(\d+ rounds?\)\s*$/, '');

/**
 * Gunshots: detections within the gunshot window of each other form one burst (single linkage, so a late detection
 * bridging two bursts merges them); calls, CAD incidents and panic alarms of the same shooting join it or it joins
 * them. Open calls of other types nearby are mentioned, not joined.
 */
export function onGunshot(engine: Engine, ev: CorrEvent): IncidentState {
  const title = withoutRounds(ev.title ?? ev.typeCode);
  const rounds = int(ev.payload.rounds) ?? 0;
  let inc = located(ev) ? joinBest(engine, ev, candidatesFor(engine, ev, 'violence')) : undefined;
  if (!inc) inc = engine.create(ev, { number: `SST-${ev.seq}`, origin: 'gunshot', typeCode: ev.typeCode, title, category: 'violence' }, 'opened from a gunshot detection');
  noteCategory(inc, 'gunshot', 'violence');
  noteLife(inc, ev, 'violence');
  inc.gunshots += 1;
  inc.maxRounds = Math.max(inc.maxRounds, rounds);
  const label = inc.maxRounds > 0 ? `${title} (${roundsText(inc.maxRounds)})` : title;
  if (inc.origin === 'gunshot') engine.setBase(inc, ev, label);
  else engine.setReason(inc, reasonText.gunshots(inc.gunshots, inc.maxRounds));
  if (inc.gunshots >= 2) engine.setReason(inc, reasonText.burst(inc.gunshots));
  if (!located(ev)) return inc;
  engine.placeAt(inc, ev);
  engine.addAnchor(anchorOf(ev, inc.id));
  const w = engine.window('gunshot');
  const calls = engine.grid.query(ev, ev.occurredAtMs, w.radiusM, w.windowMs, (a) => a.kind === 'cad' || a.kind === 'call911');
  for (const { inc: call, distanceM } of incidentsNear(engine, calls)) {
    if (call.id !== inc.id && (call.origin === 'cad' || call.origin === 'call911')) mentionShots(engine, inc, call, distanceM);
  }
  return inc;
}

const ALARM = /alarm|alert|trigger|panic|smoke|intrusion|glass|duress|gas|flood/i;

/**
 * IoT sensors: an alarm (smoke, panic, intrusion…) is a report like a call: repeats of the same sensor stay in its
 * situation, and calls at the same address join it (or it joins them). Plain readings form nothing.
 */
export function onSensor(engine: Engine, ev: CorrEvent): IncidentState | null {
  const cat = categoryOf('sensor', ev.typeCode, ev.title);
  if (cat === 'other' && !ALARM.test(`${ev.typeCode} ${ev.title ?? ''}`)) return null;
  const title = ev.title ?? ev.typeCode;
  const sensorId = str(ev.payload.sensorId);
  const key = sensorId ? `${ev.agencyId}|${sensorId}` : null;
  let inc = key ? engine.bySensor.get(key) : undefined;
  if (inc && !engine.candidate(inc.id)) inc = undefined;
  if (inc) {
    if (inc.status === 'closed') engine.reopen(inc, `sensor ${sensorId} alarmed again`);
    engine.link(inc, ev.seq, `sensor ${sensorId} again`, ev.occurredAtMs);
  }
  if (!inc && located(ev)) inc = joinBest(engine, ev, candidatesFor(engine, ev, cat));
  if (!inc) inc = engine.create(ev, { number: `SEN-${ev.seq}`, origin: 'sensor', typeCode: ev.typeCode, title, category: cat }, `opened from sensor ${sensorId ?? ''} alarm`.replace('  ', ' '));
  if (key) engine.bySensor.set(key, inc);
  noteCategory(inc, 'sensor', cat);
  if (cat === 'violence' || cat === 'panic') noteLife(inc, ev, cat);
  inc.sensorCount += 1;
  if (inc.origin === 'sensor') engine.setBase(inc, ev, title);
  else engine.setReason(inc, reasonText.sensor(title, inc.sensorCount));
  if (!located(ev)) return inc;
  engine.placeAt(inc, ev);
  engine.addAnchor(anchorOf(ev, inc.id));
  return inc;
}
