import { describe, expect, it } from 'vitest';
import { Engine, DEFAULT_ENGINE_CONFIG } from '@/lib/correlate/engine';
import type { CorrEvent } from '@/lib/correlate/incident-state';
import { quietPeriods } from '@/lib/correlate/lifecycle';
import { processEvent } from '@/lib/correlate/process-event';
import { categoryOf, compatibility, joinRule, sameAddress } from '@/lib/correlate/situation-rules';
import { priorityBand } from '@/lib/domain/priority-band';
import { corrEventMaker, MIN, north } from '../helpers/corr-events';

const T0 = Date.parse('2026-11-20T20:00:00Z');
const ev = corrEventMaker(T0, { kind: 'call911', typeCode: 'SHOTS', priority: 2, title: 'Shots fired', address: null });
const shot = (over: Partial<CorrEvent> = {}) => ev({ kind: 'gunshot', typeCode: 'Multiple_Gunshots', title: 'Multiple Gunshots (4 rounds)', priority: 1, payload: { rounds: 4 }, ...over });
const call = (over: Partial<CorrEvent> = {}) => ev({ kind: 'call911', ...over });
const cad = (n: string, over: Partial<CorrEvent> = {}) => ev({ kind: 'cad', typeCode: 'SHOOTING', title: 'Shooting', priority: 1, payload: { incidentNumber: n, status: 'dispatched', units: [{ callSign: 'P1' }] }, ...over });
const sensor = (id: string, over: Partial<CorrEvent> = {}) => ev({ kind: 'sensor', typeCode: 'panic', title: 'panic button', priority: 2, payload: { sensorId: id }, ...over });

function engine(quiet: Partial<Record<string, number>> = {}) {
  let i = 0;
  return new Engine({ ...DEFAULT_ENGINE_CONFIG, quietMs: { ...DEFAULT_ENGINE_CONFIG.quietMs, ...quiet } }, () => `inc-${++i}`);
}
function run(events: CorrEvent[], e = engine()) {
  for (const x of events) processEvent(e, x);
  return { engine: e, out: e.drain() };
}
const texts = (r: { orderedReasons: { text: string }[] }) => r.orderedReasons.map((x) => x.text);

describe('pair rules', () => {
  it('reads the situation type from kind, code and title', () => {
    expect(categoryOf('gunshot', 'Unclassified', null)).toBe('violence');
    expect(categoryOf('call911', 'SHOTS', 'Shots fired')).toBe('violence');
    expect(categoryOf('cad', 'Vehicle Fire', 'Vehicle Fire')).toBe('fire');
    expect(categoryOf('cad', 'Medical Incident', null)).toBe('medical');
    expect(categoryOf('sensor', 'smoke', 'smoke 1')).toBe('fire');
    expect(categoryOf('sensor', 'panic', 'panic button')).toBe('panic');
    expect(categoryOf('cad', 'Alarms', 'Alarms (alarmed door)')).toBe('fire');
    expect(categoryOf('alert', 'lpr_hotlist_hit', 'Stolen vehicle')).toBe('vehicle');
  });

  it('a medical call does not join a shooting across the street by distance alone; at the same site it may', () => {
    expect(compatibility('medical', 'violence')).toBe('related');
    expect(joinRule('call911', 'medical', 'gunshot', 'violence', 40, 2 * MIN, false)).toBeNull();
    expect(joinRule('call911', 'medical', 'gunshot', 'violence', 10, 2 * MIN, false)?.compat).toBe('related');
    expect(joinRule('call911', 'violence', 'gunshot', 'violence', 350, 12 * MIN, false)?.compat).toBe('same');
    expect(joinRule('call911', 'violence', 'gunshot', 'violence', 450, 2 * MIN, false)).toBeNull();
    expect(joinRule('call911', 'violence', 'gunshot', 'violence', 100, 20 * MIN, false)).toBeNull();
    expect(compatibility('fire', 'traffic')).toBe('related');
    expect(compatibility('fire', 'violence')).toBe('none');
    expect(joinRule('cad', 'fire', 'call911', 'violence', 5, 0, true)).toBeNull();
  });

  it('block-level addresses are not a site', () => {
    expect(sameAddress('1200 Market St', '1200 MARKET ST.')).toBe(true);
    expect(sameAddress('100 Block of MARKET ST', '100 Block of MARKET ST')).toBe(false);
  });

  it('quiet periods from the environment', () => {
    const q = quietPeriods('gunshot:15, sensor:5');
    expect(q.gunshot).toBe(15 * MIN);
    expect(q.sensor).toBe(5 * MIN);
    expect(q.call911).toBe(DEFAULT_ENGINE_CONFIG.quietMs.call911);
  });
});

describe('situation formation across sources', () => {
  it('a shooting (burst, three calls, CAD, panic alarm) is one incident, each join with its reason', () => {
    const { engine: e, out } = run([
      shot(),
      shot({ ...north(60), occurredAtMs: T0 + 10_000 }),
      call({ ...north(120), occurredAtMs: T0 + 2 * MIN }),
      call({ ...north(200), occurredAtMs: T0 + 3 * MIN, title: 'Person shot', typeCode: 'SHOOTING' }),
      sensor('S-1', { ...north(30), occurredAtMs: T0 + 1 * MIN }),
      call({ ...north(90), occurredAtMs: T0 + 4 * MIN }),
      cad('26-0001', { ...north(100), occurredAtMs: T0 + 5 * MIN }),
    ]);
    expect(e.active.size).toBe(1);
    const inc = [...e.active.values()][0]!;
    expect(inc.number).toBe('26-0001');
    // Links made before the CAD record are listed on the CAD incident too when written (write-batch.ts).
    const reasons = out.links.map((l) => l.reason).join('\n');
    expect(reasons).toMatch(/911 call \d+ m and 2 min after gunshot burst of SST-\d+/);
    expect(reasons).toMatch(/Sensor \d+ m and 1 min after gunshot burst/i);
    expect(out.merges.map((m) => m.reason).join('\n')).toMatch(/from CAD incident 26-0001/);
    const final = out.incidents.find((i) => i.id === inc.id)!;
    expect(priorityBand(final.score)).toBe(1);
    expect(texts(final)).toContainEqual(expect.stringMatching(/^threat to life in progress/));
  });

  it('plain negatives: same place another time, same time another place, another type', () => {
    const { out } = run([
      shot(),
      call({ ...north(100), occurredAtMs: T0 + 3 * 60 * MIN }), // same place, 3 h later
      call({ ...north(2500), occurredAtMs: T0 + 1 * MIN }), // same time, 2.5 km away
      call({ ...north(40), occurredAtMs: T0 + 2 * MIN, typeCode: 'MEDICAL', title: 'Medical: diabetic' }), // across the street, other type
    ]);
    expect(out.created.size).toBe(4);
    expect(out.merges).toHaveLength(0);
  });

  it('two CAD incident numbers never merge; a 911 call with a CAD number joins that incident', () => {
    const { engine: e } = run([
      cad('26-0002'),
      cad('26-0003', { ...north(20), occurredAtMs: T0 + MIN }),
      call({ ...north(500), occurredAtMs: T0 + 2 * MIN, payload: { incidentNumber: '26-0003' } }),
    ]);
    expect([...e.active.values()].map((i) => i.number).sort()).toEqual(['26-0002', '26-0003']);
  });

  it('gunshot titles name the rounds once', () => {
    const { out } = run([shot({ title: 'Multiple Gunshots (4 rounds)' })]);
    expect(out.incidents[0]!.orderedReasons[0]!.text).toBe('Gunshot priority 1: Multiple Gunshots (4 rounds)');
  });

  it('a lone round is "1 round"', () => {
    const { out } = run([shot({ typeCode: 'Single_Gunshot', title: 'Single Gunshot (1 round)', priority: 3, payload: { rounds: 1 } })]);
    expect(out.incidents[0]!.orderedReasons.find((r) => r.key === 'base')?.text).toBe('Gunshot priority 3: Single Gunshot (1 round)');
  });
});

describe('lifecycle and priority', () => {
  it('CAD stages are kept, on scene steps the score down, and the CAD clear closes the situation', () => {
    const e = engine();
    processEvent(e, cad('26-0004'));
    processEvent(e, cad('26-0004', { occurredAtMs: T0 + 4 * MIN, payload: { incidentNumber: '26-0004', status: 'on_scene' } }));
    const first = e.drain().incidents[0]!;
    expect(first.cadStatus).toBe('on_scene');
    expect(texts(first)).toContain('units on scene');
    expect(texts(first).some((t) => t.startsWith('threat to life'))).toBe(false);
    expect(priorityBand(first.score)).toBeGreaterThan(1);
    processEvent(e, cad('26-0004', { occurredAtMs: T0 + 30 * MIN, payload: { incidentNumber: '26-0004', status: 'cleared' } }));
    const out = e.drain();
    expect(out.incidents[0]!.status).toBe('closed');
    expect(out.incidents[0]!.closedBy).toBe('cad');
  });

  it('a call after the CAD clear time is a new situation, wherever the batch boundaries fall', () => {
    // SF-style unit rows (no status): each says when its unit became available; the last one clears the incident.
    const unitRow = (unitId: string, t: number, availableAt?: number) => cad('26-0005', {
      occurredAtMs: t, typeCode: 'Structure Fire', title: 'Structure Fire', priority: 2,
      payload: { incidentNumber: '26-0005', unitId, ...(availableAt ? { availableAt: new Date(availableAt).toISOString() } : {}) },
    });
    const first = unitRow('E1', T0);
    const second = unitRow('E2', T0 + MIN, T0 + 2 * MIN);
    const late = call({ ...north(50), occurredAtMs: T0 + 3 * MIN, typeCode: 'Structure Fire', title: '911: Structure Fire' });
    for (const batches of [[[first, second, late]], [[first], [second, late]], [[first, second], [late]]]) {
      const e = engine();
      const outs = batches.map((b) => run(b, e).out);
      expect([...e.active.values()].map((i) => [i.origin, i.lastEventAtMs])).toEqual([['call911', late.occurredAtMs]]);
      expect(outs.flatMap((o) => o.incidents).find((i) => i.number === '26-0005' && i.status === 'closed')?.closedBy).toBe('cad');
    }
  });

  it('a situation without CAD goes stale after its quiet period and reopens when a report joins', () => {
    const e = engine({ gunshot: 30 * MIN });
    processEvent(e, shot());
    const id = [...e.active.keys()][0]!;
    processEvent(e, call({ ...north(5000), occurredAtMs: T0 + 45 * MIN, typeCode: 'NOISE', title: 'Noise' })); // elsewhere: moves the clock
    let out = e.drain();
    expect(out.incidents.find((i) => i.id === id)?.status).toBe('closed');
    expect(out.history.find((h) => h.incidentId === id)?.change).toMatch(/closed: stale, no new report for 30 min/);
    // A late call about the shooting (event time within the window) reopens it.
    processEvent(e, call({ ...north(80), occurredAtMs: T0 + 5 * MIN }));
    out = e.drain();
    const back = out.incidents.find((i) => i.id === id)!;
    expect(back.status).toBe('open');
    expect(out.history.find((h) => h.incidentId === id)?.change).toMatch(/reopened: 911 call 80 m/);
  });

  it('P1 only for a threat to life: a busy medical call is held below P1 and says so; scores step down with age', () => {
    const e = engine();
    const med = { typeCode: 'Medical Incident', title: 'Medical Incident', priority: 2 };
    processEvent(e, cad('26-0005', { ...med, payload: { incidentNumber: '26-0005', units: ['E1', 'M2', 'B3', 'E4'] } }));
    processEvent(e, call({ ...med, ...north(30), occurredAtMs: T0 + MIN }));
    processEvent(e, call({ ...med, ...north(40), occurredAtMs: T0 + 2 * MIN }));
    processEvent(e, call({ ...med, ...north(50), occurredAtMs: T0 + 3 * MIN }));
    let inc = e.drain().incidents[0]!;
    expect(priorityBand(inc.score)).toBe(2);
    expect(texts(inc)).toContain('no threat to life in progress: held below P1');
    processEvent(e, call({ ...north(9000), occurredAtMs: T0 + 50 * MIN, typeCode: 'NOISE', title: 'Noise' }));
    const out = e.drain();
    inc = out.incidents.find((i) => i.number === '26-0005')!;
    expect(texts(inc)).toContain('quiet for 45 min');
    expect(out.history.find((h) => h.incidentId === inc.id)?.change).toMatch(/\+ quiet for 45 min|~ quiet for/);
  });
});
