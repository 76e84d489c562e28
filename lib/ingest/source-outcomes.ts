import type pg from 'pg';

/**
 * Ingest requests per source and hour, stored or refused: the dashboard's source error rate. Counted in memory
 * and written every few seconds in one upsert, so no ingest request pays a write of its own; a crash loses at
 * most the last interval's counts (health figures, not records). Process-wide (a globalThis symbol): Next.js
 * bundles the ingest routes apart from server.ts, and both would otherwise keep a half.
 */
const FLUSH_MS = 5000;
const HOUR = 3_600_000;
const KEY = Symbol.for('rtcc.sourceOutcomes');

interface Counters {
  pending: Map<string, { accepted: number; rejected: number }>;
  timer: ReturnType<typeof setInterval> | null;
  pool: pg.Pool | null;
}

function counters(): Counters {
  const g = globalThis as { [KEY]?: Counters };
  return (g[KEY] ??= { pending: new Map(), timer: null, pool: null });
}

export function countOutcome(pool: pg.Pool, sourceId: string, ok: boolean, now = Date.now()): void {
  const c = counters();
  c.pool = pool;
  const key = `${sourceId}|${Math.floor(now / HOUR) * HOUR}`;
  const n = c.pending.get(key) ?? { accepted: 0, rejected: 0 };
  if (ok) n.accepted += 1;
  else n.rejected += 1;
  c.pending.set(key, n);
  if (!c.timer) {
    c.timer = setInterval(() => void flushOutcomes().catch((err: Error) => console.warn(`[ingest] source outcome counts not written: ${err.message}`)), FLUSH_MS);
    c.timer.unref();
  }
}

/** Write what was counted (also called by tests and at shutdown). Counts that fail to write are kept for the next try. */
export async function flushOutcomes(): Promise<void> {
  const c = counters();
  if (!c.pool || !c.pending.size) return;
  const batch = [...c.pending.entries()];
  c.pending.clear();
  const ids: string[] = [];
  const hours: string[] = [];
  const acc: number[] = [];
  const rej: number[] = [];
  for (const [key, n] of batch) {
    const [id, hour] = key.split('|');
    ids.push(id!);
    hours.push(new Date(Number(hour)).toISOString());
    acc.push(n.accepted);
    rej.push(n.rejected);
  }
  try {
    await c.pool.query(
      `INSERT INTO source_ingest_stat (source_id, hour, accepted, rejected)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[])
       ON CONFLICT (source_id, hour) DO UPDATE SET accepted = source_ingest_stat.accepted + EXCLUDED.accepted,
                                                   rejected = source_ingest_stat.rejected + EXCLUDED.rejected`,
      [ids, hours, acc, rej],
    );
  } catch (err) {
    for (const [key, n] of batch) {
      const cur = c.pending.get(key) ?? { accepted: 0, rejected: 0 };
      c.pending.set(key, { accepted: cur.accepted + n.accepted, rejected: cur.rejected + n.rejected });
    }
    throw err;
  }
}
