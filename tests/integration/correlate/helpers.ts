import fs from 'node:fs';
import type pg from 'pg';
import type { EventInput } from '@/lib/domain/event';
import { parseSfFireCad } from '@/lib/ingest/adapters/sf-fire-cad';
import { parseSfShotspotter } from '@/lib/ingest/adapters/sf-shotspotter';
import { ingestEvents } from '@/lib/ingest/ingest-events';
import type { EventBus } from '@/lib/platform/bus';
import type { CorrelatorHandle } from '@/lib/correlate/start-correlator';
import { distanceM } from '@/lib/correlate/geo';

export const cadWeek = (): EventInput[] => parseSfFireCad(fs.readFileSync('prisma/seed/data/sf-fire-cad-2016-12-31-week.csv', 'utf8'));
export const shotspotter = (): EventInput[] => parseSfShotspotter(fs.readFileSync('prisma/seed/data/sf-shotspotter-2013-2015.csv', 'utf8'));

/** Through the one ingest path, in batches, ringing the bus after each COMMIT like the HTTP route does. */
export async function ingestAll(pool: pg.Pool, bus: EventBus, sourceId: string, events: EventInput[], batch = 1000): Promise<bigint> {
  let max = 0n;
  for (let i = 0; i < events.length; i += batch) {
    const { maxSeq } = await ingestEvents({ pool }, sourceId, events.slice(i, i + batch));
    if (maxSeq !== null) {
      bus.committed(maxSeq);
      if (maxSeq > max) max = maxSeq;
    }
  }
  return max;
}

/** Several sources as one live feed: in time order, consecutive events of one source committed together. */
export async function ingestInTimeOrder(pool: pg.Pool, bus: EventBus, feeds: { sourceId: string; events: EventInput[] }[]): Promise<bigint> {
  const all = feeds.flatMap((f) => f.events.map((e) => ({ sourceId: f.sourceId, e, t: Date.parse(e.occurredAt) }))).sort((a, b) => a.t - b.t);
  let max = 0n;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && j - i < 1000 && all[j]!.sourceId === all[i]!.sourceId) j++;
    const m = await ingestAll(pool, bus, all[i]!.sourceId, all.slice(i, j).map((x) => x.e));
    if (m > max) max = m;
    i = j;
  }
  return max;
}

export async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const caughtUp = (c: CorrelatorHandle, seq: bigint) => until(() => c.processedSeq() >= seq, `correlator to reach seq ${seq}`);

/**
 * Expected gunshot bursts, computed independently: single-linkage clusters of located detections within
 * 500 m and 10 min of each other (union–find over all pairs).
 */
export function expectedBursts(events: EventInput[], radiusM = 500, windowMs = 600_000): Map<string, number> {
  const located = events.filter((e) => e.lat !== null && e.lon !== null);
  const parent = located.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const t = located.map((e) => Date.parse(e.occurredAt));
  for (let i = 0; i < located.length; i++) {
    for (let j = i + 1; j < located.length; j++) {
      if (Math.abs(t[i]! - t[j]!) > windowMs) continue;
      const a = located[i]!;
      const b = located[j]!;
      if (distanceM({ lat: a.lat!, lon: a.lon! }, { lat: b.lat!, lon: b.lon! }) <= radiusM) parent[find(i)] = find(j);
    }
  }
  const clusterOf = new Map<string, number>();
  located.forEach((e, i) => clusterOf.set(e.externalId, find(i)));
  return clusterOf;
}
