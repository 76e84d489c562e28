import type { Engine } from './engine';
import { distanceM as dist } from './geo';
import { located, str, type CorrEvent, type IncidentState } from './incident-state';
import { anchorOf } from './formation';
import { candidatesFor, joinBest, noteCategory } from './joining';

const plateOf = (ev: CorrEvent) => str(ev.payload.plate)?.toUpperCase().replace(/[^A-Z0-9]/g, '') ?? null;

/** A plate seen again is the same vehicle: a pursuit moves, so hits join within this time at a driveable distance. */
const PLATE_WINDOW_MS = 30 * 60_000;
const MAX_SPEED_MPS = 45;
const PLATE_SLACK_M = 500;

interface LastHit { inc: IncidentState; lat: number; lon: number; t: number }

/** The alert of this plate's last hit, if the vehicle could have driven from there since. */
function priorHit(engine: Engine, ev: CorrEvent & { lat: number; lon: number }, plate: string): { inc: IncidentState; distanceM: number } | null {
  const last = engine.byPlate.get(`${ev.agencyId}|${plate}`) as LastHit | undefined;
  if (!last || !engine.candidate(last.inc.id)) return null;
  const dt = Math.abs(ev.occurredAtMs - last.t);
  const d = dist(ev, last);
  if (dt > PLATE_WINDOW_MS || d > PLATE_SLACK_M + MAX_SPEED_MPS * (dt / 1000)) return null;
  return { inc: last.inc, distanceM: d };
}

/**
 * An LPR hotlist hit opens an alert; hits of the same plate at a driveable distance join it (a pursuit), and so do
 * the plate's recent reads. A hit near an open pursuit or stolen-vehicle call joins that situation.
 */
export function onHotlistHit(engine: Engine, ev: CorrEvent): IncidentState {
  const plate = plateOf(ev);
  const w = engine.window('lpr');
  let inc: IncidentState | undefined;
  if (plate && located(ev)) {
    const prior = priorHit(engine, ev, plate);
    inc = prior?.inc;
    if (inc) {
      if (inc.status === 'closed') engine.reopen(inc, `hotlist hit of ${plate} again`);
      engine.link(inc, ev.seq, `hotlist hit of ${plate} again, ${Math.round(prior!.distanceM)} m away`, ev.occurredAtMs);
    }
  }
  if (!inc && located(ev)) inc = joinBest(engine, ev, candidatesFor(engine, ev, 'vehicle'));
  const title = ev.title ?? `LPR hotlist hit${plate ? `: ${plate}` : ''}`;
  if (!inc) inc = engine.create(ev, { number: `LPR-${ev.seq}`, origin: 'alert', typeCode: ev.typeCode, title, plate, category: 'vehicle' }, 'opened from an LPR hotlist hit');
  noteCategory(inc, 'alert', 'vehicle');
  if (inc.origin === 'alert') engine.setBase(inc, ev, title);
  if (!located(ev)) return inc;
  if (plate) engine.byPlate.set(`${ev.agencyId}|${plate}`, { inc, lat: ev.lat, lon: ev.lon, t: ev.occurredAtMs });
  engine.placeAt(inc, ev);
  engine.addAnchor(anchorOf(ev, inc.id, ev.occurredAtMs, plate));
  if (plate) {
    for (const { anchor, distanceM } of engine.grid.query(ev, ev.occurredAtMs, w.radiusM, w.windowMs, (a) => a.kind === 'lpr' && a.plate === plate && a.incidentId === null)) {
      engine.grid.assign(anchor, inc.id);
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
  const alert = engine.grid.query(ev, ev.occurredAtMs, w.radiusM, w.windowMs, (a) => a.kind === 'alert' && a.plate === plate && engine.isActive(a.incidentId))[0];
  const inc = alert ? engine.active.get(alert.anchor.incidentId!) : undefined;
  if (alert && inc) engine.link(inc, ev.seq, `read of ${plate} ${Math.round(alert.distanceM)} m from the hotlist hit`);
  engine.addAnchor(anchorOf(ev, inc?.id ?? null, ev.occurredAtMs, plate));
  return inc ?? null;
}
