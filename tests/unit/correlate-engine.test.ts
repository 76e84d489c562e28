import { describe, expect, it } from 'vitest';
import { CameraIndex } from '@/lib/correlate/camera-visibility';
import { Engine } from '@/lib/correlate/engine';
import { GeofenceIndex } from '@/lib/correlate/geofences';
import type { CorrEvent } from '@/lib/correlate/incident-state';
import { processEvent } from '@/lib/correlate/process-event';
import { ZAction, ZPremise } from '@/lib/domain/rule';
import { A, corrEventMaker, MIN, north, P } from '../helpers/corr-events';

const T0 = Date.parse('2016-12-31T20:00:00Z');
const ev = corrEventMaker(T0, { kind: 'cad', typeCode: 'Medical Incident', priority: 2, title: 'Medical Incident', address: '100 Block of MARKET ST' });
const cadRow = (n: string, unit: string, over: Partial<CorrEvent> = {}) => ev({ kind: 'cad', payload: { incidentNumber: n, unitId: unit }, ...over });
const shot = (over: Partial<CorrEvent> = {}) => ev({ kind: 'gunshot', typeCode: 'Multiple_Gunshots', title: 'Multiple gunshots', priority: 1, payload: { rounds: 4 }, ...over });
const call = (over: Partial<CorrEvent> = {}) => ev({ kind: 'call911', typeCode: 'SHOTS', title: 'Shots fired', priority: 1, ...over });

function run(events: CorrEvent[], engine = new Engine(undefined, (() => { let i = 0; return () => `inc-${++i}`; })())) {
  for (const e of events) processEvent(engine, e);
  return { engine, out: engine.drain() };
}
const texts = (r: { orderedReasons: { text: string }[] }) => r.orderedReasons.map((x) => x.text);

describe('incident formation', () => {
  it('a multi-unit CAD dispatch is one incident with its units', () => {
    const { out } = run([cadRow('16146990', 'E39'), cadRow('16146990', 'M55'), cadRow('16146990', 'B08'), cadRow('16146990', 'E39')]);
    expect(out.incidents).toHaveLength(1);
    expect(out.incidents[0]!.number).toBe('16146990');
    expect(out.unitLinks.map((u) => u.callSign)).toEqual(['E39', 'M55', 'B08']);
    expect(texts(out.incidents[0]!)).toContain('3 units dispatched');
    expect(out.links).toHaveLength(4);
  });

  it('911 calls then the CAD record for the same place and time become one incident (merge listed)', () => {
    const medical = { typeCode: 'MEDICAL', title: 'Medical: unconscious person', priority: 2 };
    const { out, engine } = run([call({ ...north(50), ...medical }), call({ ...north(80), occurredAtMs: T0 + 2 * MIN, ...medical }), cadRow('17000001', 'E1', { occurredAtMs: T0 + 4 * MIN })]);
    expect(engine.active.size).toBe(1);
    const cad = out.incidents.find((i) => i.number === '17000001')!;
    expect(out.merges).toHaveLength(1);
    expect(out.merges[0]!.intoId).toBe(cad.id);
    expect(out.merges[0]!.reason).toMatch(/^911 call \d+ m and \d+ min from CAD incident 17000001$/);
    expect(texts(cad)).toContain('2 calls in 5 min');
    const merged = out.incidents.find((i) => i.status === 'merged')!;
    expect(out.history.find((h) => h.incidentId === merged.id)!.change).toMatch(/merged into 17000001/);
  });

  it('a 911 call of the same type near an open CAD call joins it; one 300 m away or an hour later does not', () => {
    const medical = { typeCode: 'MEDICAL', title: 'Medical: fall', priority: 2 };
    const { engine } = run([
      cadRow('17000002', 'E2'),
      call({ ...north(150), occurredAtMs: T0 + 10 * MIN, ...medical }),
      call({ ...north(300), occurredAtMs: T0 + 10 * MIN, ...medical }),
      call({ occurredAtMs: T0 + 90 * MIN, ...medical }),
    ]);
    expect([...engine.active.values()].map((i) => i.number).sort()).toEqual(['17000002', `911-${ev.lastSeq() - 1n}`, `911-${ev.lastSeq()}`].sort());
  });

  it('shots fired near an open call raise it, with the distance and the call number', () => {
    const { out } = run([cadRow('16146990', 'E39'), shot({ ...north(120), occurredAtMs: T0 + 5 * MIN })]);
    const cad = out.incidents.find((i) => i.number === '16146990')!;
    expect(texts(cad)).toContain('shots fired 120 m from open call 16146990');
    const sst = out.incidents.find((i) => i.number.startsWith('SST-'))!;
    expect(texts(sst)).toContain('open call 16146990 (Medical Incident) 120 m away');
    expect(out.history.find((h) => h.incidentId === cad.id)!.change).toContain('+ shots fired 120 m from open call 16146990 (+30)');
  });

  it('open calls nearby raise a gunshot once, however many: a lone round in a busy district stays below a shooting', () => {
    const calls = Array.from({ length: 6 }, (_, i) => cadRow(`1700010${i}`, `M${i}`, { ...north(60 * (i + 1)), occurredAtMs: T0 + i * 1000 }));
    const lone = shot({ ...north(30), occurredAtMs: T0 + 5 * MIN, typeCode: 'Unclassified', title: 'Unclassified', priority: 3, payload: { rounds: 1 } });
    const { out } = run([...calls, lone]);
    const sst = out.incidents.find((i) => i.number.startsWith('SST-'))!;
    const near = sst.orderedReasons.filter((r) => r.text.startsWith('open call '));
    expect(near).toHaveLength(6);
    // Listed, so the operator sees every call; weighed once.
    expect(near.map((r) => r.weight).sort((a, b) => b - a)).toEqual([20, 0, 0, 0, 0, 0]);
    // Each call is raised by the shots (once each), not by the other calls.
    for (const c of out.incidents.filter((i) => i.number.startsWith('1700010'))) {
      expect(c.orderedReasons.filter((r) => r.text.startsWith('shots fired ')).map((r) => r.weight)).toEqual([30]);
    }
    // A four-round shooting with a 911 call about it, far from those calls, outranks the lone round.
    const { out: shooting } = run([shot({ ...north(5000), occurredAtMs: T0 + 5 * MIN }), call({ ...north(5030), occurredAtMs: T0 + 6 * MIN })]);
    const burst = shooting.incidents.filter((i) => i.status !== 'merged').at(-1)!;
    expect(burst.score).toBeGreaterThan(sst.score);
  });

  it('a gunshot burst is one incident; a late detection bridging two bursts merges them', () => {
    const { engine, out } = run([
      shot(),
      shot({ ...north(400), occurredAtMs: T0 + 3 * MIN }), // 400 m, 3 min: same burst
      shot({ ...north(2000), occurredAtMs: T0 + 4 * MIN }), // 1.6 km away: its own burst
      shot({ ...north(400), occurredAtMs: T0 + 14 * MIN }), // 11 min after the last: a new burst
    ]);
    expect(engine.active.size).toBe(3);
    const first = out.incidents.find((i) => i.number === `SST-${ev.lastSeq() - 3n}`)!;
    expect(first.gunshots).toBe(2);
    expect(texts(first)).toContain('2 gunshot detections in burst');
    // 900 m apart: two bursts, until a third detection lies within 500 m of both.
    const bridged = run([shot({ occurredAtMs: T0 }), shot({ ...north(900), occurredAtMs: T0 + MIN }), shot({ ...north(450), occurredAtMs: T0 + 2 * MIN })]);
    expect(bridged.engine.active.size).toBe(1);
    expect(bridged.out.merges).toHaveLength(1);
    expect([...bridged.engine.active.values()][0]!.gunshots).toBe(3);
  });

  it('an LPR hotlist hit opens an alert, links recent reads of the plate, and a repeat hit joins it', () => {
    const { engine, out } = run([
      ev({ kind: 'lpr', typeCode: 'read', payload: { plate: '7abc123' }, occurredAtMs: T0 - 2 * MIN, ...north(100) }),
      ev({ kind: 'alert', typeCode: 'lpr_hotlist_hit', title: 'Stolen vehicle 7ABC123', priority: 1, payload: { plate: '7ABC123' } }),
      ev({ kind: 'alert', typeCode: 'lpr_hotlist_hit', title: 'Stolen vehicle 7ABC123', priority: 1, payload: { plate: '7ABC123' }, occurredAtMs: T0 + 3 * MIN, ...north(200) }),
      ev({ kind: 'lpr', typeCode: 'read', payload: { plate: 'OTHER1' } }),
    ]);
    expect(engine.active.size).toBe(1);
    const alert = out.incidents[0]!;
    expect(alert.number).toMatch(/^LPR-/);
    expect(out.links.filter((l) => l.incidentId === alert.id)).toHaveLength(3);
  });
});

describe('priority context: geofences, cameras, rules', () => {
  it('adds "school within 300 m", attaches the camera facing the point but not the one facing away', () => {
    const engine = new Engine();
    const d = 0.0005;
    engine.geofences = new GeofenceIndex([{ id: 'g1', agencyId: A, name: 'Lincoln High', kind: 'school', polygon: { type: 'Polygon', coordinates: [[[P.lon - d, P.lat + 0.002 - d], [P.lon + d, P.lat + 0.002 - d], [P.lon + d, P.lat + 0.002 + d], [P.lon - d, P.lat + 0.002 + d], [P.lon - d, P.lat + 0.002 - d]]] } }]);
    const south = { lat: P.lat - 50 / 110_574, lon: P.lon };
    const base = { agencyId: A, name: 'cam', fovDeg: 60, rangeM: 150, ptz: false, status: 'online' };
    engine.cameras.set(A, new CameraIndex([{ ...base, id: 'facing', ...south, heading: 0 }, { ...base, id: 'away', ...south, heading: 180 }, { ...base, id: 'ptz', ...north(100), heading: 0, ptz: true }]));
    const { out } = run([cadRow('17000003', 'E3')], engine);
    const inc = out.incidents[0]!;
    expect(texts(inc)).toContain('school within 200 m (Lincoln High)');
    expect(out.cameraSets.get(inc.id)!.map((c) => c.id)).toEqual(['facing', 'ptz']);
  });

  it('a rule raises priority with its name as the reason, and notifies a role', () => {
    const engine = new Engine();
    engine.rules.set(A, [{
      id: 'r1', agencyId: A, name: 'multiple gunshots at night',
      premise: ZPremise.parse({ kind: 'gunshot', conditions: [{ field: 'payload.rounds', op: 'gte', value: 3 }] }),
      actions: ZAction.array().parse([{ type: 'raise_priority', by: 15 }, { type: 'notify', role: 'supervisor', message: 'shots' }, { type: 'wall_preset', preset: 'south' }]),
    }]);
    const { out } = run([shot(), shot({ ...north(5000), payload: { rounds: 1 } })], engine);
    const hit = out.incidents.find((i) => i.reasons.has('rule:r1'))!;
    expect(texts(hit)).toContain('rule “multiple gunshots at night”: +15');
    expect(out.incidents.filter((i) => i.reasons.has('rule:r1'))).toHaveLength(1);
    expect(out.pushes.map((p) => p.type)).toEqual(['notice', 'preset']);
    expect(out.history.find((h) => h.incidentId === hit.id)!.reasons[0]!.key).toBe('base');
  });
});

describe('other feeds: CAD JSON updates and NENA EIDO 911 updates', () => {
  it('takes units from a CAD update list and closes the incident when the CAD clears it', () => {
    const { out, engine } = run([
      ev({ kind: 'cad', payload: { incidentNumber: 'C-1', status: 'dispatched', units: [{ callSign: '3A12' }, { callSign: '3A14' }] } }),
      ev({ kind: 'cad', payload: { incidentNumber: 'C-1', status: 'cleared', units: [{ callSign: '3A12' }] }, occurredAtMs: T0 + 30 * MIN }),
    ]);
    expect(engine.active.size).toBe(0);
    const inc = out.incidents[0]!;
    expect(inc.status).toBe('closed');
    expect(texts(inc)).toContain('2 units dispatched');
    expect(out.history[0]!.change).toContain('closed: CAD cleared incident C-1');
  });

  it('a late row of a call closed a batch earlier joins the closed incident, not a second one (its write may still be in flight)', () => {
    const engine = new Engine(undefined, (() => { let i = 0; return () => `late-${++i}`; })());
    run([ev({ kind: 'cad', payload: { incidentNumber: 'C-2', status: 'cleared', units: [{ callSign: '3A12' }] } })], engine);
    const { out } = run([cadRow('C-2', '3A15', { occurredAtMs: T0 + 40 * MIN })], engine);
    expect(out.created.size).toBe(0);
    expect(out.incidents.map((i) => [i.id, i.status])).toEqual([['late-1', 'closed']]);
    expect(out.links.map((l) => l.incidentId)).toEqual(['late-1']);
    expect(engine.active.size).toBe(0);
    // Held for the live window (event time): later batches find it in memory, without reloading it from PostgreSQL.
    for (let i = 0; i < 2; i++) run([], engine);
    expect(engine.findByNumber(A, 'C-2')?.id).toBe('late-1');
    expect(engine.holdsClosed(A, 'C-2', 'late-1')).toBe(true);
    // Past the live window (largest window + allowed lateness) it is let go: PostgreSQL's lookup (read-state.ts) finds it.
    run([cadRow('C-9', '3A16', { occurredAtMs: T0 + 26 * 60 * MIN })], engine);
    for (let i = 0; i < 3; i++) run([], engine);
    expect(engine.findByNumber(A, 'C-2')).toBeUndefined();
    expect(engine.holdsClosed(A, 'C-2', 'late-1')).toBe(false);
  });

  it('an operator\'s change releases a held closed incident (the stored one is loaded again)', () => {
    const engine = new Engine(undefined, (() => { let i = 0; return () => `rel-${++i}`; })());
    run([ev({ kind: 'cad', payload: { incidentNumber: 'C-3', status: 'cleared', units: [{ callSign: '3A12' }] } })], engine);
    for (let i = 0; i < 3; i++) run([], engine);
    expect(engine.holdsClosed(A, 'C-3', 'rel-1')).toBe(true);
    engine.closed.release('rel-1');
    expect(engine.holdsClosed(A, 'C-3', 'rel-1')).toBe(false);
    expect(engine.findByNumber(A, 'C-3')).toBeUndefined();
  });

  it('an EIDO update of the same 911 call joins its incident without counting as another caller', () => {
    const { out, engine } = run([
      call({ payload: { incidentTrackingId: 'urn:emergency:uid:incidentid:1:psap.example' } }),
      call({ ...north(1000), occurredAtMs: T0 + MIN, payload: { incidentTrackingId: 'urn:emergency:uid:incidentid:1:psap.example' } }),
      call({ ...north(60), occurredAtMs: T0 + 2 * MIN, payload: { incidentTrackingId: 'urn:emergency:uid:incidentid:2:psap.example' } }),
    ]);
    expect(engine.active.size).toBe(1);
    expect(texts(out.incidents[0]!)).toContain('2 calls in 5 min');
    expect(out.links).toHaveLength(3);
  });
});
