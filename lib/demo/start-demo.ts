import fs from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '@/lib/platform/env';
import type { EventInput } from '@/lib/domain/event';
import { parseSfFireCad } from '@/lib/ingest/adapters/sf-fire-cad';
import { ensureSourceWithFreshKey } from '@/lib/seed/ensure-source';
import { seedDemoCameras } from '@/lib/seed/seed-cameras';
import type { RunningServer } from '@/lib/server/start-server';
import { postBatchWithRetry } from './post-batch';
import { ReplaySchedule } from './replay-schedule';

const SEED_DIR = path.resolve('prisma/seed/data');
const BACKFILL_MS = 3 * 3600_000;
const TICK_MS = 500;

/**
 * The living demo city: seeds San Francisco's cameras and replays the real SF Fire CAD week through the public
 * ingest API at DEMO_SPEED× (60× by default: about one call a minute becomes one a second). A restart continues
 * where the stored data ends.
 *
 * Replayed events are stamped with the moment the replay reaches them (the record's own 2016 time stays in
 * `payload.recordedAt`), so the queue's ages, the age filter, the heatmap and rewind's "last hour" behave as on a
 * live shift instead of showing everything as ten years old.
 */
export async function startDemo(server: RunningServer, env: Env): Promise<{ stop: () => Promise<void> }> {
  const { pool } = server.runtime;
  const { rows: agencies } = await pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const agencyId = agencies[0]!.id;
  const cameras = await seedDemoCameras(pool, agencyId, path.join(SEED_DIR, 'sf-cameras.json'));
  const source = await ensureSourceWithFreshKey(pool, agencyId, 'SF Fire CAD (replay)', 'cad');
  const events = parseSfFireCad(await fs.readFile(path.join(SEED_DIR, 'sf-fire-cad-2016-12-31-week.csv'), 'utf8'));
  const schedule = new ReplaySchedule(events);

  // Where the recording stands: recordedAt (older data without it: its occurred_at was the recorded time).
  const { rows } = await pool.query<{ last: Date | null }>(
    `SELECT coalesce(max((payload->>'recordedAt')::timestamptz), max(occurred_at) FILTER (WHERE NOT payload ? 'recordedAt')) AS last
       FROM event WHERE source_id = $1`,
    [source.id],
  );
  const resumeAt = rows[0]?.last?.getTime() ?? null;
  let virtual = resumeAt ?? schedule.start + BACKFILL_MS;
  schedule.seek(resumeAt ?? schedule.start);
  console.log(
    `[demo] ${cameras} cameras; replaying ${events.length} SF Fire CAD records at ${env.DEMO_SPEED}× ` +
      `from ${new Date(virtual).toISOString()}${resumeAt ? ' (resumed)' : ' (first 3 h backfilled)'}`,
  );

  let stopped = false;
  let busy = false;
  let lastTick = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    virtual += (now - lastTick) * env.DEMO_SPEED;
    lastTick = now;
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        for (;;) {
          const batch = schedule.take(virtual, 500).map((e) => stampNow(e, virtual, lastTick, env.DEMO_SPEED));
          if (batch.length === 0 || stopped) break;
          const out = await postBatchWithRetry(server.url, source.key, batch, { stopped: () => stopped });
          if (out.status !== 202) console.warn(`[demo] batch refused (${out.status}): ${out.error ?? ''}`);
        }
      } finally {
        busy = false;
      }
    })();
  }, TICK_MS);

  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 20));
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
