import fs from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '@/lib/platform/env';
import { setAdminAllowList } from '@/lib/platform/outbound/outbound-fetch';
import type { EventInput } from '@/lib/domain/event';
import { parseSfFireCad } from '@/lib/ingest/adapters/sf-fire-cad';
import { seedDemoCameras } from '@/lib/seed/seed-cameras';
import type { RunningServer } from '@/lib/server/start-server';
import { callsFromCad, shotsFiredCalls } from './calls-eido';
import { openDemoDoors, type DemoFeedName, type Send } from './demo-feeds';
import { placeDemoCameras, startDemoVideo } from './demo-video';
import { lprReads } from './lpr-feed';
import { ReplaySchedule } from './replay-schedule';
import { sensorReadings } from './sensor-feed';
import { shotspotterOnDemoWeek } from './shotspotter-week';
import { UnitFeed } from './unit-feed';
import { planUnits } from './unit-plan';

const SEED_DIR = path.resolve('prisma/seed/data');
const BACKFILL_MS = 3 * 3600_000;
const TICK_MS = 500;
const AVL_EVERY_MS = 2000;
/** A first start opens on New Year's Eve, 22:30 in San Francisco: the week's busiest hour is minutes away. */
export const DEMO_FIRST_START = Date.parse('2016-12-31T22:30:00-08:00');
/** Largest batch per door (the EIDO door takes at most 100 documents per request). */
const MAX_BATCH: Record<Exclude<DemoFeedName, 'avl'>, number> = { cad: 500, gunshot: 500, call911: 100, lpr: 500, sensor: 200 };

/**
 * The living demo city, every feed on one clock: the real SF Fire CAD week at DEMO_SPEED× (60× by default: a
 * recorded hour a minute), with SF ShotSpotter detections of the same calendar days, 911 calls (EIDO) and unit
 * AVL derived from the CAD rows, synthetic LPR reads with a demo hotlist and synthetic IoT sensors over MQTT, and
 * cameras with generated live video where the week is busiest. Everything enters through the ingest doors
 * real sources use. A restart continues where the stored CAD replay ends.
 *
 * Replayed events are stamped with the moment the replay reaches them (the recorded time stays in
 * `payload.recordedAt` where the door keeps payloads), so the queue's ages, the heatmap and rewind's "last hour"
 * behave as on a live shift instead of showing everything as years old.
 */
export async function startDemo(server: RunningServer, env: Env): Promise<{ stop: () => Promise<void> }> {
  const { pool } = server.runtime;
  const log = (line: string) => console.log(line);
  const { rows: agencies } = await pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const agencyId = agencies[0]!.id;
  const dotCameras = await seedDemoCameras(pool, agencyId, path.join(SEED_DIR, 'sf-cameras.json'));
  const cadCsv = await fs.readFile(path.join(SEED_DIR, 'sf-fire-cad-2016-12-31-week.csv'), 'utf8');
  const cad = parseSfFireCad(cadCsv);
  const clock = new ReplaySchedule(cad);
  const { start: origin, period } = clock;
  const gunshots = shotspotterOnDemoWeek(await fs.readFile(path.join(SEED_DIR, 'sf-shotspotter-2013-2015.csv'), 'utf8'));
  const lists: Record<Exclude<DemoFeedName, 'avl'>, EventInput[]> = {
    cad,
    gunshot: gunshots,
    call911: [...callsFromCad(cad), ...shotsFiredCalls(gunshots)],
    lpr: lprReads(origin, period),
    sensor: sensorReadings(origin, period, gunshots, cad),
  };
  const units = new UnitFeed(planUnits(cadCsv));

  let stopped = false;
  const doors = await openDemoDoors(pool, agencyId, { http: server.url, mqtt: server.mqttUrl }, { stopped: () => stopped, log });
  // The demo's generated streams are served by this very server: its host must pass the outbound policy.
  if (env.DEMO_VIDEO) setAdminAllowList({ env }, [new URL(server.url).hostname]);
  const video = await startDemoVideo(pool, agencyId, placeDemoCameras(cad, gunshots), {
    dataDir: env.DATA_DIR,
    baseUrl: server.url,
    video: env.DEMO_VIDEO,
    log,
  });

  // Where the recording stands: recordedAt (older data without it: its occurred_at was the recorded time).
  const { rows } = await pool.query<{ last: Date | null }>(
    `SELECT coalesce(max((payload->>'recordedAt')::timestamptz), max(occurred_at) FILTER (WHERE NOT payload ? 'recordedAt')) AS last
       FROM event WHERE source_id = $1`,
    [doors.sourceIds.cad],
  );
  const resumeAt = rows[0]?.last?.getTime() ?? null;
  let virtual = resumeAt ?? DEMO_FIRST_START;
  const feeds = (Object.keys(lists) as Exclude<DemoFeedName, 'avl'>[]).map((name) => {
    const schedule = new ReplaySchedule(lists[name], period, origin);
    schedule.seek(resumeAt ?? DEMO_FIRST_START - BACKFILL_MS);
    return { name, schedule, send: doors.send[name] as Send, max: MAX_BATCH[name] };
  });
  log(
    `[demo] replaying at ${env.DEMO_SPEED}× from ${new Date(virtual).toISOString()}${resumeAt ? ' (resumed)' : ' (3 h backfilled)'}: ` +
      feeds.map((f) => `${lists[f.name].length} ${f.name}`).join(', ') +
      `; ${units.units} units (AVL); ${dotCameras} cameras (${video.ids.length} demo cameras)`,
  );

  let busy = false;
  let lastTick = Date.now();
  let lastAvl = 0;
  const tick = async () => {
    for (const f of feeds) {
      for (;;) {
        const batch = f.schedule.take(virtual, f.max).map((e) => stampNow(e, virtual, lastTick, env.DEMO_SPEED));
        if (batch.length === 0 || stopped) break;
        await f.send(batch);
      }
    }
    if (Date.now() - lastAvl >= AVL_EVERY_MS && !stopped) {
      lastAvl = Date.now();
      const recorded = origin + ((((virtual - origin) % period) + period) % period);
      const fixes = units.fixes(recorded, new Date());
      for (let i = 0; i < fixes.length && !stopped; i += 1000) await doors.sendPositions(fixes.slice(i, i + 1000));
    }
  };
  const timer = setInterval(() => {
    const now = Date.now();
    virtual += (now - lastTick) * env.DEMO_SPEED;
    lastTick = now;
    if (busy) return;
    busy = true;
    tick()
      .catch((err: unknown) => log(`[demo] ${(err as Error).message}`))
      .finally(() => (busy = false));
  }, TICK_MS);

  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 20));
      await doors.stop();
      await video.stop();
    },
  };
}

/**
 * The wall-clock time at which the replay passed the record: `virtual` is the replay clock at wall time `wall`, and
 * the record lies (virtual − recorded) / speed before it. Never in the future; the backfill lands in the last minutes.
 */
export function stampNow(e: EventInput, virtual: number, wall: number, speed: number): EventInput {
  const at = wall - Math.max(0, virtual - Date.parse(e.occurredAt)) / speed;
  return { ...e, occurredAt: new Date(at).toISOString(), payload: { ...e.payload, recordedAt: e.occurredAt } };
}
