import { KIND_LABEL, type EventKind } from '@/lib/domain/event';
import type { Anchor } from './anchor-grid';
import type { Engine } from './engine';
import { distanceM as dist } from './geo';
import type { CorrEvent, IncidentState } from './incident-state';
import {
  LIFE_THREAT, SAME_SITE_M, compatibility, joinRule, pairWindow, partnerKindSet, sameAddress, widestPartnerWindow, type Category, type Compatibility, type PairWindow,
} from './situation-rules';
import { gapMs } from './windows';

/** An open (or stale) situation a located event may join, with the evidence that allows it. */
export interface Candidate {
  inc: IncidentState;
  anchor: Anchor;
  distanceM: number;
  gapMs: number;
  compat: Compatibility;
  w: PairWindow;
  sameSite: boolean;
}

type Located = CorrEvent & { lat: number; lon: number };

const rank = (c: Candidate) => c.distanceM / c.w.radiusM + c.gapMs / c.w.windowMs;

/**
 * Every situation the event plausibly belongs to: a report of a partner kind within that pair's window, of a
 * compatible type (related types only at the same site), and, except within a gunshot burst (single linkage), the
 * situation's own place within the window too, so reports cannot chain one situation across the city. Best first.
 */
export function candidatesFor(engine: Engine, ev: Located, cat: Category): Candidate[] {
  const wide = widestPartnerWindow(ev.kind);
  if (!wide.radiusM) return [];
  const kinds = partnerKindSet(ev.kind);
  const hits = engine.grid.query(ev, ev.occurredAtMs, wide.radiusM, wide.windowMs, (a) => a.incidentId !== null && kinds.has(a.kind));
  const best = new Map<string, Candidate>();
  for (const { anchor, distanceM } of hits) {
    const inc = engine.candidate(anchor.incidentId);
    if (!inc || best.has(inc.id)) continue;
    if (!pairWindow(ev.kind, anchor.kind)) continue;
    const gap = gapMs(ev.occurredAtMs, anchor.t0, anchor.t1);
    const other = anchor.cat ?? inc.category;
    // The address comparison only matters for related types beyond the same-site distance.
    const sameSite = compatibility(cat, other) === 'related' && distanceM > SAME_SITE_M && sameAddress(ev.address, inc.address);
    const rule = joinRule(ev.kind, cat, anchor.kind, other, distanceM, gap, sameSite);
    if (!rule) continue;
    // A burst links detection to detection; a vehicle situation (pursuit) moves with its plate hits.
    const moving = (ev.kind === 'gunshot' && anchor.kind === 'gunshot') || anchor.kind === 'alert';
    if (!moving && inc.lat !== null && inc.lon !== null && dist(ev, { lat: inc.lat, lon: inc.lon }) > rule.w.radiusM) continue;
    best.set(inc.id, { inc, anchor, distanceM, gapMs: gap, compat: rule.compat, w: rule.w, sameSite });
  }
  return [...best.values()].sort((a, b) => rank(a) - rank(b));
}

/** "911 call 120 m and 2 min after gunshot burst SST-1 (same type)" */
export function joinReason(ev: CorrEvent, c: Candidate): string {
  const mins = Math.round(c.gapMs / 60_000);
  const dir = ev.occurredAtMs >= c.anchor.t0 ? 'after' : 'before';
  const what = c.anchor.kind === 'gunshot' ? 'gunshot burst' : `${KIND_LABEL[c.anchor.kind]} report`;
  const where = c.sameSite ? 'at the same address' : `${Math.round(c.distanceM)} m`;
  return `${KIND_LABEL[ev.kind]} ${where} and ${mins} min ${dir} ${what} of ${c.inc.number}${c.compat === 'related' ? ' (related type at the same site)' : ''}`;
}

const hasCad = (inc: IncidentState) => inc.origin === 'cad';

/**
 * Join the best candidate (a CAD incident first: its number names the situation; else the one open longest), and
 * fold the other candidates of the same situation into it: never two CAD incidents (distinct CAD numbers are
 * distinct situations) and never a pair an operator split.
 */
export function joinBest(engine: Engine, ev: CorrEvent, cands: Candidate[]): IncidentState | undefined {
  if (!cands.length) return undefined;
  const primary = [...cands].sort((a, b) => Number(hasCad(b.inc)) - Number(hasCad(a.inc)) || a.inc.openedAtMs - b.inc.openedAtMs || (a.inc.id < b.inc.id ? -1 : 1))[0]!;
  const inc = primary.inc;
  if (inc.status === 'closed') engine.reopen(inc, joinReason(ev, primary));
  engine.link(inc, ev.seq, joinReason(ev, primary), ev.occurredAtMs);
  for (const other of cands) {
    if (other.inc === inc || other.compat !== 'same' || (hasCad(other.inc) && hasCad(inc))) continue;
    const why = ev.kind === 'gunshot' && other.anchor.kind === 'gunshot' && primary.anchor.kind === 'gunshot'
      ? `detection ${ev.seq} lies within the gunshot window of both bursts`
      : `${KIND_LABEL[ev.kind]} ${ev.seq} belongs to both: ${joinReason(ev, other)}`;
    engine.merge(other.inc, inc, why);
  }
  return inc;
}

/** A new CAD incident adopts the non-CAD situations its record belongs to (their calls, shots, sensors). */
export function adoptInto(engine: Engine, ev: Located, inc: IncidentState, cat: Category): void {
  for (const c of candidatesFor(engine, ev, cat)) {
    if (c.inc === inc || hasCad(c.inc)) continue;
    engine.merge(c.inc, inc, `${KIND_LABEL[c.anchor.kind]} ${Math.round(c.distanceM)} m and ${Math.round(c.gapMs / 60_000)} min from CAD incident ${inc.number}`);
  }
}

/** A report of a threat to life keeps the situation's "life" reason current (see priority.ts). */
export function noteLife(inc: IncidentState, ev: CorrEvent, cat: Category): void {
  if (!LIFE_THREAT.has(cat)) return;
  const urgent = ev.kind === 'gunshot' || ev.kind === 'sensor' || (ev.priority !== null && ev.priority <= (cat === 'fire' ? 1 : 2));
  if (urgent) inc.lifeAtMs = Math.max(inc.lifeAtMs ?? 0, ev.occurredAtMs);
}

/** The situation's type: the CAD's classification wins; otherwise the first specific report. */
export function noteCategory(inc: IncidentState, kind: EventKind, cat: Category): void {
  if (kind === 'cad' && inc.origin === 'cad') inc.category = cat;
  else if (inc.category === 'other') inc.category = cat;
}
