import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callsFromCad, shotsFiredCalls, toEido } from '@/lib/demo/calls-eido';
import { placeDemoCameras } from '@/lib/demo/demo-video';
import { lprReads, toLprRead } from '@/lib/demo/lpr-feed';
import { sensorReadings, toSensorMessage } from '@/lib/demo/sensor-feed';
import { shotspotterOnDemoWeek, toGunshotDetection } from '@/lib/demo/shotspotter-week';
import { UnitFeed } from '@/lib/demo/unit-feed';
import { distanceM, planUnits, unitAt } from '@/lib/demo/unit-plan';
import { adaptGunshots } from '@/lib/ingest/adapters/gunshot';
import { adaptLprReads } from '@/lib/ingest/adapters/lpr-webhook';
import { adaptAvlBatch } from '@/lib/ingest/adapters/avl-osmand';
import { adaptEido } from '@/lib/ingest/adapters/nena-eido';
import { parseSensorMessage } from '@/lib/ingest/adapters/sensor-mqtt';
import { parseSfFireCad } from '@/lib/ingest/adapters/sf-fire-cad';

const cadCsv = fs.readFileSync('prisma/seed/data/sf-fire-cad-2016-12-31-week.csv', 'utf8');
const cad = parseSfFireCad(cadCsv);
const gunshots = shotspotterOnDemoWeek(fs.readFileSync('prisma/seed/data/sf-shotspotter-2013-2015.csv', 'utf8'));
const origin = Math.min(...cad.map((e) => Date.parse(e.occurredAt)));
const period = 8 * 86_400_000;
const sfClock = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Los_Angeles', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date(iso));

describe('demo feeds, each read back by the ingest adapter of its door', () => {
  it('ShotSpotter detections land on the CAD week at the same place and San Francisco clock time', () => {
    expect(gunshots.length).toBeGreaterThan(100);
    for (const g of gunshots) {
      const t = Date.parse(g.occurredAt);
      expect(t).toBeGreaterThanOrEqual(Date.parse('2016-12-31T08:00:00Z'));
      expect(t).toBeLessThan(Date.parse('2017-01-08T08:00:00Z'));
      expect(sfClock(g.occurredAt)).toBe(sfClock(String(g.payload.originalOccurredAt)));
    }
    // New Year's Eve keeps its midnight burst.
    const nye = gunshots.filter((g) => Math.abs(Date.parse(g.occurredAt) - Date.parse('2017-01-01T08:00:00Z')) < 3600_000);
    expect(nye.length).toBeGreaterThan(30);
    const events = adaptGunshots({ detections: gunshots.slice(0, 500).map(toGunshotDetection) });
    expect(events.map((e) => [e.externalId, e.lat, e.lon, e.occurredAt])).toEqual(gunshots.slice(0, 500).map((g) => [g.externalId, g.lat, g.lon, g.occurredAt]));
  });

  it('911 calls: one EIDO per CAD call number plus synthetic shots-fired callers, placed where the call was', () => {
    const calls = callsFromCad(cad);
    expect(calls.length).toBe(new Set(cad.filter((e) => e.lat !== null).map((e) => e.payload.callNumber)).size);
    const shots = shotsFiredCalls(gunshots);
    expect(shots.length).toBeGreaterThan(10);
    const sample = [...calls.slice(0, 60), ...shots.slice(0, 40)];
    const events = adaptEido(sample.map(toEido));
    events.forEach((e, i) => {
      expect(e.kind).toBe('call911');
      expect(e.lat).toBeCloseTo(sample[i]!.lat!, 5);
      expect(e.lon).toBeCloseTo(sample[i]!.lon!, 5);
      expect(e.typeCode).toBe(sample[i]!.typeCode);
      expect(e.payload.callerNumber).toMatch(/^\+1415555\d{4}$/);
    });
  });

  it('LPR reads go through the generic door; some are demo hotlist plates', () => {
    const reads = lprReads(origin, period);
    expect(reads.length).toBeGreaterThan(1000);
    const adapted = adaptLprReads({ reads: reads.slice(0, 1000).map(toLprRead) });
    expect(adapted).toHaveLength(1000);
    expect(reads.filter((r) => /DMO/.test(r.title!)).length).toBeGreaterThan(5);
  });

  it('sensor readings are valid MQTT messages, with impulse alarms after nearby gunshots', () => {
    const readings = sensorReadings(origin, period, gunshots, cad);
    for (const r of readings.slice(0, 300)) {
      const { sensorId, message } = toSensorMessage(r);
      const parsed = parseSensorMessage(`rtcc/sensors/Demo IoT sensors (synthetic)/${sensorId}`, Buffer.from(JSON.stringify(message)));
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    }
    expect(readings.some((r) => r.typeCode === 'sound-level' && r.priority === 2)).toBe(true);
    expect(readings.some((r) => r.typeCode === 'panic-button' && r.priority === 2)).toBe(true);
  });

  it('units drive between home and incidents at plausible speeds and report through the AVL door', () => {
    const plans = planUnits(cadCsv);
    expect(plans.length).toBeGreaterThan(150);
    for (const p of plans) {
      for (const s of p.segments) {
        expect(s.t1).toBeGreaterThanOrEqual(s.t0);
        const km = distanceM(s.from, s.to) / 1000;
        if (km > 0.2 && s.t1 > s.t0) expect(km / ((s.t1 - s.t0) / 3_600_000)).toBeLessThanOrEqual(91);
      }
      for (let i = 1; i < p.segments.length; i++) expect(p.segments[i]!.t0).toBeGreaterThanOrEqual(p.segments[i - 1]!.t1);
    }
    // E39 (fixture row 2): dispatched 23:59:42, on scene 00:04:18 on the BALCETA AVE call.
    const e39 = plans.find((p) => p.unitId === 'E39')!;
    const onScene = unitAt(e39, Date.parse('2017-01-01T08:10:00Z'));
    expect(onScene.status).toBe('on_scene');
    expect(distanceM(onScene.at, [37.745858648581, -122.456664252061])).toBeLessThan(1);

    const feed = new UnitFeed(plans);
    const t = Date.parse('2016-12-31T22:30:00-08:00');
    const first = feed.fixes(t, new Date());
    expect(first).toHaveLength(plans.length); // everyone once at the start
    const next = feed.fixes(t + 60_000, new Date());
    expect(next.length).toBeGreaterThan(0);
    expect(next.length).toBeLessThan(plans.length / 2); // then only who moved or changed status
    expect(adaptAvlBatch({ positions: [...first, ...next].slice(0, 1000) }).length).toBeGreaterThan(100);
  });

  it('demo cameras look at the busiest places of the week, spread over the city', () => {
    const cams = placeDemoCameras(cad, gunshots);
    expect(cams).toHaveLength(4);
    for (const c of cams) expect(distanceM([c.lat, c.lon], c.target)).toBeLessThan(200);
    for (let i = 0; i < cams.length; i++) for (let j = i + 1; j < cams.length; j++) expect(distanceM(cams[i]!.target, cams[j]!.target)).toBeGreaterThan(1000);
  });
});
