import { KIND_LABEL, type EventKind } from '@/lib/domain/event';
import { ACTIVE_STATUSES, type Reason } from '@/lib/domain/incident';
import { AnchorGrid, type Anchor } from './anchor-grid';
import { ClosedIncidents } from './closed-incidents';
import type { CameraIndex } from './camera-visibility';
import { DEFAULT_ENGINE_CONFIG, type BatchOutput, type EngineConfig, type Push } from './engine-types';
import { GeofenceIndex } from './geofences';
import { located, newIncident, type ClosedBy, type CorrEvent, type IncidentState } from './incident-state';
import { assessPriority } from './priority';
import { DueHeap } from './due-heap';
import { schedule } from './lifecycle';
import { describeChange, GEOFENCE_NEAR_M, GEOFENCE_WEIGHT, orderReasons, priorityWeight, reasonText, scoreOf } from './reasons';
import type { CompiledRule } from './rule-engine';
import { uuidv7 } from './time-ordered-id';
import { UnitIndex } from './unit-index';
import { largestWindowMs, type CorrelationWindow } from './windows';

export { DEFAULT_ENGINE_CONFIG, DEFAULT_QUIET_MS } from './engine-types';
export type { BatchOutput, EngineConfig, HistoryRow, LinkRow, MergeRow, Push, UnitLinkRow } from './engine-types';

interface Touch { before: Reason[]; created: boolean; note: string[]; atMs: number }

const numberKey = (agencyId: string, n: string) => `${agencyId}|${n}`;
/** One batch can be unwritten when the pump reads a page (start-correlator.ts); one more for margin. */
const RECENT_BATCHES = 2;
const NONE = new Map<string, IncidentState>();

/**
 * The correlator's in-memory state and bookkeeping: open incidents, the live window of located events, and the
 * changes of the current batch. Pure (no I/O), so it is unit-testable and fast; formation.ts holds the per-kind
 * logic, correlator.ts the database and socket side.
 */
export class Engine {
  readonly active = new Map<string, IncidentState>();
  /** Closed as stale, still in the live window: an event that joins reopens it. */
  readonly stale = new Map<string, IncidentState>();
  /** (close time, id) of every stale close: the sweep drops those past the live window without walking `stale`. */
  readonly staleSince = new DueHeap();
  /** Operators' splits: pairs the correlator never merges. */
  readonly separated = new Map<string, Set<string>>();
  /** When each open incident needs the lifecycle sweep next (lifecycle.ts). */
  readonly due = new DueHeap();
  private readonly reopened = new Set<string>();
  /** agency|sensorId → the situation of that sensor's alarms; agency|plate → the plate's last hotlist hit. */
  readonly bySensor = new Map<string, IncidentState>();
  readonly byPlate = new Map<string, { inc: IncidentState; lat: number; lon: number; t: number }>();
  private lastSweep = 0;
  private readonly byNumber = new Map<string, IncidentState>();
  /** agency|EIDO incident tracking id → the incident its 911 call is in. */
  private readonly byCallKey = new Map<string, IncidentState>();
  /** Inactive incidents found by number for this batch only (a late CAD row for a closed call). */
  readonly inactiveByNumber = new Map<string, IncidentState>();
  /** Closed or merged by this engine within the live window (closed-incidents.ts). */
  readonly closed = new ClosedIncidents();
  readonly grid = new AnchorGrid();
  cameras = new Map<string, CameraIndex>();
  geofences = new GeofenceIndex([]);
  rules = new Map<string, CompiledRule[]>();
  /** Unit positions from AVL, for enter/leave facts and nearest available units. */
  units = new UnitIndex();
  watermark = 0;
  /** Event time of what is being processed now (the event, or the sweep's clock): history rows say when it happened. */
  nowMs = 0;
  readonly maxWindowMs: number;
  private sinceEvict = 0;
  private touched = new Map<string, Touch>();
  private out = Engine.emptyOutput();

  constructor(readonly config: EngineConfig = DEFAULT_ENGINE_CONFIG, private readonly newId: () => string = () => uuidv7()) {
    this.maxWindowMs = largestWindowMs(config.windows);
  }

  private static emptyOutput(): BatchOutput {
    return { incidents: [], created: new Set(), links: [], unitLinks: [], cameraSets: new Map(), history: [], merges: [], pushes: [] };
  }

  window(kind: EventKind): CorrelationWindow {
    return this.config.windows[kind];
  }

  /** Register an incident loaded from PostgreSQL (start-up) or created now. */
  remember(inc: IncidentState): void {
    this.stale.delete(inc.id);
    if (ACTIVE_STATUSES.includes(inc.status)) {
      this.active.set(inc.id, inc);
      this.byNumber.set(numberKey(inc.agencyId, inc.number), inc);
      for (const k of inc.callKeys) this.byCallKey.set(numberKey(inc.agencyId, k), inc);
    } else {
      this.inactiveByNumber.set(numberKey(inc.agencyId, inc.number), inc);
    }
  }

  forget(id: string): void {
    const inc = this.active.get(id);
    if (!inc) return;
    this.active.delete(id);
    this.byNumber.delete(numberKey(inc.agencyId, inc.number));
    for (const k of inc.callKeys) if (this.byCallKey.get(numberKey(inc.agencyId, k)) === inc) this.byCallKey.delete(numberKey(inc.agencyId, k));
  }

  findByCallKey(agencyId: string, key: string): IncidentState | undefined {
    return this.byCallKey.get(numberKey(agencyId, key));
  }

  addCallKey(inc: IncidentState, key: string): void {
    inc.callKeys.add(key);
    this.byCallKey.set(numberKey(inc.agencyId, key), inc);
  }

  /**
   * The CAD cleared the call, or a situation without CAD went quiet: the correlator closes it (operators own every
   * other status change). A stale one stays a candidate for reopening while its events are in the live window.
   */
  close(inc: IncidentState, note: string, by: ClosedBy = 'cad', atMs = this.watermark): void {
    if (!this.active.has(inc.id)) return;
    this.touch(inc, note);
    inc.status = 'closed';
    inc.closedBy = by;
    inc.closedAtMs = atMs;
    this.forget(inc.id);
    this.mergedThisBatch.set(inc.id, inc);
    // Later rows of this batch with its number find it here (a CAD incident can close mid-batch by the clock).
    this.inactiveByNumber.set(numberKey(inc.agencyId, inc.number), inc);
    // A CAD incident is found again by its number, not reopened by place and time.
    if (by === 'stale' && inc.origin !== 'cad') {
      this.stale.set(inc.id, inc);
      this.staleSince.push(atMs, inc.id);
    }
  }

  /** An active incident, or a stale-closed one an event may reopen. */
  candidate(id: string | null): IncidentState | undefined {
    if (id === null) return undefined;
    return this.active.get(id) ?? this.stale.get(id);
  }

  /** A stale situation joined by a new event opens again (never one the CAD or an operator closed). */
  reopen(inc: IncidentState, note: string): void {
    if (inc.status !== 'closed' || inc.closedBy !== 'stale') return;
    const closedAt = inc.closedAtMs ?? this.nowMs;
    inc.status = 'open';
    inc.closedBy = null;
    inc.closedAtMs = null;
    this.mergedThisBatch.delete(inc.id);
    this.remember(inc);
    inc.dueAtMs = Infinity;
    schedule(this, inc, this.watermark);
    this.reopened.add(inc.id);
    // Recorded after the close it undoes, even when the report that reopens it is a late one.
    this.touch(inc, `reopened: ${note}`, Math.max(this.nowMs, closedAt));
  }

  isSeparated(a: string, b: string): boolean {
    return this.separated.get(a)?.has(b) ?? false;
  }

  separate(a: string, b: string): void {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const set = this.separated.get(x) ?? new Set<string>();
      set.add(y);
      this.separated.set(x, set);
    }
  }

  findByNumber(agencyId: string, n: string): IncidentState | undefined {
    const k = numberKey(agencyId, n);
    const found = this.byNumber.get(k) ?? this.inactiveByNumber.get(k);
    if (found) return found;
    let inc: IncidentState | undefined;
    for (const recent of this.recentlyInactive) if ((inc = recent.get(k))) break;
    inc ??= this.closed.get(k);
    // Held for this batch like one loaded from PostgreSQL, so drain() writes what the late row changed.
    if (inc) this.inactiveByNumber.set(k, inc);
    return inc;
  }

  /** The stored incident `id` of a CAD row is one this engine closed and still holds (no reload needed). */
  holdsClosed(agencyId: string, n: string, id: string): boolean {
    return this.closed.get(numberKey(agencyId, n))?.id === id;
  }

  isActive(id: string | null): id is string {
    return id !== null && this.active.has(id);
  }

  create(ev: CorrEvent, fields: Pick<IncidentState, 'number' | 'origin' | 'typeCode' | 'title'> & Partial<IncidentState>, note: string): IncidentState {
    const inc = newIncident({
      id: this.newId(),
      agencyId: ev.agencyId,
      address: ev.address,
      openedAtMs: ev.occurredAtMs,
      lastSeq: ev.seq,
      ...fields,
    });
    this.remember(inc);
    this.touched.set(inc.id, { before: [], created: true, note: [note], atMs: ev.occurredAtMs });
    this.out.created.add(inc.id);
    this.link(inc, ev.seq, note);
    if (located(ev)) this.placeAt(inc, ev);
    // Due for the lifecycle sweep from the start (an early look is only re-evaluated and rescheduled).
    schedule(this, inc, ev.occurredAtMs);
    return inc;
  }

  touch(inc: IncidentState, note?: string, atMs = this.nowMs): void {
    let t = this.touched.get(inc.id);
    if (!t) {
      t = { before: orderReasons(inc.reasons.values()), created: false, note: [], atMs };
      this.touched.set(inc.id, t);
    } else if (atMs > t.atMs) t.atMs = atMs;
    if (note) t.note.push(note);
  }

  link(inc: IncidentState, seq: bigint, reason: string, atMs?: number): void {
    this.touch(inc);
    if (seq > inc.lastSeq) inc.lastSeq = seq;
    if (atMs !== undefined && atMs > inc.lastEventAtMs) inc.lastEventAtMs = atMs;
    this.out.links.push({ incidentId: inc.id, seq, reason });
  }

  addUnit(inc: IncidentState, callSign: string): void {
    if (inc.units.has(callSign)) return;
    this.touch(inc);
    inc.units.add(callSign);
    this.out.unitLinks.push({ incidentId: inc.id, callSign });
    if (inc.units.size >= 2) this.setReason(inc, reasonText.units(inc.units.size));
  }

  setReason(inc: IncidentState, r: Reason): void {
    this.touch(inc);
    inc.reasons.set(r.key, r);
  }

  dropReason(inc: IncidentState, key: string): void {
    if (!inc.reasons.has(key)) return;
    this.touch(inc);
    inc.reasons.delete(key);
  }

  /** The source's priority as the first reason; the most urgent priority seen wins. */
  setBase(inc: IncidentState, ev: CorrEvent, label: string): void {
    if (inc.basePriority !== null && ev.priority !== null && ev.priority >= inc.basePriority && inc.reasons.has('base')) return;
    if (ev.priority !== null) inc.basePriority = inc.basePriority === null ? ev.priority : Math.min(inc.basePriority, ev.priority);
    const p = inc.basePriority;
    this.setReason(inc, { key: 'base', text: `${KIND_LABEL[ev.kind]} priority ${p ?? 'unknown'}: ${label}`, weight: priorityWeight(p) });
  }

  /** First known location: geofence proximity reasons and the cameras that can see it. */
  placeAt(inc: IncidentState, p: { lat: number; lon: number }): void {
    if (inc.lat !== null) return;
    this.touch(inc);
    inc.lat = p.lat;
    inc.lon = p.lon;
    for (const { fence, distanceM } of this.geofences.near(inc.agencyId, p, GEOFENCE_NEAR_M)) {
      const w = GEOFENCE_WEIGHT[fence.kind] ?? 0;
      if (w > 0) this.setReason(inc, reasonText.geofence(fence.id, fence.kind, fence.name, distanceM, w));
    }
    this.attachCameras(inc, this.config.cameraTopN);
  }

  attachCameras(inc: IncidentState, topN: number): void {
    if (inc.lat === null || inc.lon === null) return;
    const cams = this.cameras.get(inc.agencyId)?.visible({ lat: inc.lat, lon: inc.lon }, topN) ?? [];
    const ids = cams.map((c) => c.id);
    if (ids.length === inc.cameraIds.length && ids.every((id, i) => id === inc.cameraIds[i])) return;
    this.touch(inc);
    inc.cameraIds = ids;
    this.out.cameraSets.set(inc.id, cams);
  }

  addAnchor(a: Anchor): void {
    this.grid.add(a);
  }

  /**
   * Fold `from` into `into`: links, units, counts and reasons move; `from` is closed as merged. Refused (false) for
   * two incidents an operator split apart.
   */
  merge(from: IncidentState, into: IncidentState, reason: string): boolean {
    if (from.id === into.id || this.isSeparated(from.id, into.id)) return false;
    this.touch(from, `merged into ${into.number}: ${reason}`);
    this.touch(into, `merged ${from.number} into this incident: ${reason}`);
    from.status = 'merged';
    from.mergedInto = into.id;
    this.forget(from.id);
    this.stale.delete(from.id);
    if (into.category === 'other') into.category = from.category;
    into.lastEventAtMs = Math.max(into.lastEventAtMs, from.lastEventAtMs);
    if (from.lifeAtMs !== null) into.lifeAtMs = Math.max(into.lifeAtMs ?? 0, from.lifeAtMs);
    into.sensorCount += from.sensorCount;
    for (const other of this.separated.get(from.id) ?? []) this.separate(into.id, other);
    this.mergedThisBatch.set(from.id, from);
    for (const u of from.units) this.addUnit(into, u);
    into.gunshots += from.gunshots;
    into.maxRounds = Math.max(into.maxRounds, from.maxRounds);
    into.callTimes.push(...from.callTimes);
    for (const k of from.callKeys) this.addCallKey(into, k);
    for (const [k, r] of from.reasons) if (k !== 'base' && k !== 'units' && k !== 'burst' && k !== 'calls' && !into.reasons.has(k)) into.reasons.set(k, r);
    if (from.lastSeq > into.lastSeq) into.lastSeq = from.lastSeq;
    this.grid.retarget(from.id, into.id);
    this.out.merges.push({ fromId: from.id, intoId: into.id, reason });
    return true;
  }

  push(p: Push): void {
    this.out.pushes.push(p);
  }

  /** Evict the live window now and then (event time, with the allowed lateness). */
  advance(ev: CorrEvent): void {
    this.nowMs = ev.occurredAtMs;
    if (ev.occurredAtMs > this.watermark) this.watermark = ev.occurredAtMs;
    if (++this.sinceEvict >= 5000) {
      this.sinceEvict = 0;
      this.grid.evictBefore(this.watermark - this.maxWindowMs - this.config.allowedLatenessMs);
      this.grid.capTo(this.config.maxAnchors);
    }
  }

  /** Changes waiting to be written even without new events (operator status reloads). */
  hasPending(): boolean {
    return this.touched.size > 0;
  }

  /** Incidents this batch changed so far (lifecycle sweeps skip nothing; tests read it). */
  isTouched(id: string): boolean {
    return this.touched.has(id);
  }

  /** Run `fn` at most once per minute of the clock (event time): lifecycle sweeps. */
  dueSweep(clock: number): boolean {
    // Once a minute of event time (score steps), and at once when something falls due (a CAD close is at its time,
    // whatever the batch boundaries: a call right after it is a new situation in every run).
    if (clock - this.lastSweep < 60_000 && this.due.next > clock) return false;
    this.lastSweep = clock;
    return true;
  }

  /** Close the batch: final reasons, scores and one history row per changed incident. */
  drain(): BatchOutput {
    const out = this.out;
    for (const [id, t] of this.touched) {
      const inc = this.active.get(id) ?? this.findTouchedInactive(id);
      if (!inc) continue;
      if (this.active.has(id)) {
        assessPriority(this, inc, this.watermark);
        schedule(this, inc, this.watermark);
      }
      const orderedReasons = orderReasons(inc.reasons.values());
      const score = scoreOf(orderedReasons);
      out.incidents.push(Object.assign(inc, { score, orderedReasons, reopened: this.reopened.has(id) }));
      const diff = describeChange(t.before, orderedReasons);
      const change = [t.created ? '' : diff, ...t.note, t.created && diff ? `reasons: ${diff}` : ''].filter(Boolean).join('; ');
      if (change) out.history.push({ incidentId: id, change, score, reasons: orderedReasons, occurredAtMs: t.atMs || inc.lastEventAtMs });
    }
    this.reopened.clear();
    this.touched = new Map();
    this.out = Engine.emptyOutput();
    this.inactiveByNumber.clear();
    const ended = [...this.mergedThisBatch.values()].map((i): [string, IncidentState] => [numberKey(i.agencyId, i.number), i]);
    this.recentlyInactive.unshift(ended.length ? new Map(ended) : NONE);
    if (this.recentlyInactive.length > RECENT_BATCHES) this.recentlyInactive.pop();
    this.closed.hold(ended, this.watermark, this.maxWindowMs + this.config.allowedLatenessMs);
    this.mergedThisBatch.clear();
    return out;
  }

  /**
   * Incidents closed or merged by the last batches, by number. The pump reads a page while the batch before it is
   * still being written, so the page's lookup of stored incidents (read-state.ts) can miss these; without them a
   * late CAD row of a call closed a page earlier opened a second incident with the same number (unique violation,
   * batch failed, rebuild).
   */
  private recentlyInactive: Map<string, IncidentState>[] = [];

  /** Merged incidents leave `active` but their final state is still written in this batch. */
  readonly mergedThisBatch = new Map<string, IncidentState>();
  private findTouchedInactive(id: string): IncidentState | undefined {
    const m = this.mergedThisBatch.get(id);
    if (m) return m;
    for (const inc of this.inactiveByNumber.values()) if (inc.id === id) return inc;
    return this.stale.get(id);
  }
}
