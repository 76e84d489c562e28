import crypto from 'node:crypto';
import fs from 'node:fs';
import type { CorrEvent } from '@/lib/correlate/incident-state';
import type { EventInput } from '@/lib/domain/event';
import { parseSfFireCad } from '@/lib/ingest/adapters/sf-fire-cad';
import { parseSfShotspotter } from '@/lib/ingest/adapters/sf-shotspotter';

/**
 * The correlator benchmarks' event stream: the real SF Fire CAD week and SF ShotSpotter rows, replicated into later
 * weeks (new incident numbers and ids per copy). Shared by bench:correlate and the engine-only harness.
 */

const WEEK = 7 * 86_400_000;
const shiftIso = (v: unknown, ms: number) => (typeof v === 'string' ? new Date(Date.parse(v) + ms).toISOString() : v);

const cad = parseSfFireCad(fs.readFileSync('prisma/seed/data/sf-fire-cad-2016-12-31-week.csv', 'utf8'));
const shots = parseSfShotspotter(fs.readFileSync('prisma/seed/data/sf-shotspotter-2013-2015.csv', 'utf8'));
const cadStart = Math.min(...cad.map((e) => Date.parse(e.occurredAt)));
const g0 = Math.min(...shots.map((e) => Date.parse(e.occurredAt)));
const g1 = Math.max(...shots.map((e) => Date.parse(e.occurredAt)));

/** Copy k of the week: CAD rows shifted k weeks with new incident numbers; detections squeezed into the same week. */
export function copy(k: number): { cad: EventInput[]; shots: EventInput[] } {
  const dt = k * WEEK;
  return {
    cad: cad.map((e) => ({
      ...e,
      externalId: `${e.externalId}~${k}`,
      occurredAt: shiftIso(e.occurredAt, dt) as string,
      payload: { ...e.payload, incidentNumber: `${String(e.payload.incidentNumber)}-${k}`, availableAt: shiftIso(e.payload.availableAt, dt), dispatchAt: shiftIso(e.payload.dispatchAt, dt), onSceneAt: shiftIso(e.payload.onSceneAt, dt) },
    })),
    shots: shots.map((e) => ({
      ...e,
      externalId: `${e.externalId}~${k}`,
      occurredAt: new Date(cadStart + dt + ((Date.parse(e.occurredAt) - g0) / (g1 - g0)) * WEEK).toISOString(),
    })),
  };
}

/** Interleave two lists (CAD and gunshot feeds arrive together). */
export function interleave<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  const ratio = a.length / Math.max(1, b.length);
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    out.push(a[i]!);
    while (j < b.length && j * ratio <= i) out.push(b[j++]!);
  }
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/**
 * `copies` weeks as the correlator reads them after bench:correlate's throughput phase commits them: pages of 1,000,
 * each committed CAD rows first, then detections (so seq order is the same).
 */
export function benchEvents(copies: number, agencyId: string = crypto.randomUUID()): CorrEvent[] {
  const events: CorrEvent[] = [];
  let seq = 1n;
  for (let k = 0; k < copies; k++) {
    const c = copy(k);
    const all = interleave(c.cad, c.shots);
    for (let i = 0; i < all.length; i += 1000) {
      const page = all.slice(i, i + 1000);
      for (const kind of ['cad', 'gunshot'] as const) {
        for (const e of page) {
          if (e.kind !== kind) continue;
          events.push({ seq: seq++, agencyId, kind: e.kind, typeCode: e.typeCode, occurredAtMs: Date.parse(e.occurredAt), lat: e.lat, lon: e.lon, priority: e.priority, title: e.title ?? null, address: e.address ?? null, payload: e.payload });
        }
      }
    }
  }
  return events;
}
