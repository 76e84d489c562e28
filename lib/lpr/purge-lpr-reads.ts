import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import { LPR_PURGE_ACTION } from '@/lib/audit/transparency-figures';
import { securityConfig } from '@/lib/auth/security-config';

const BATCH = 5000;
// One node purges at a time; the others skip the round.
const RETENTION_LOCK = 7_261_008;

/**
 * Delete LPR reads older than `days` that hit no hotlist (a hit is its own `alert` event with id `<read id>:hit`)
 * and that no incident or evidence item points at. Each batch commits together with its audit row, so the
 * count on the transparency page always equals what was deleted.
 */
export async function purgeLprReads(pool: pg.Pool, days: number): Promise<{ purged: number; batches: number; skipped?: boolean }> {
  const guards = await referenceGuards(pool);
  let purged = 0;
  let batches = 0;
  for (;;) {
    const client = await pool.connect();
    let n = 0;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RETENTION_LOCK]);
      if (!rows[0]?.locked) {
        await client.query('ROLLBACK');
        return { purged, batches, skipped: true };
      }
      const res = await client.query(
        `DELETE FROM event WHERE seq IN (
           SELECT e.seq FROM event e
            WHERE e.kind = 'lpr' AND e.occurred_at < now() - make_interval(days => $1)
              AND NOT EXISTS (SELECT 1 FROM event h WHERE h.source_id = e.source_id AND h.external_id = e.external_id || ':hit'
                                AND h.kind = 'alert' AND h.type_code = 'lpr_hotlist_hit')
              ${guards}
            LIMIT ${BATCH})`,
        [days],
      );
      n = res.rowCount ?? 0;
      if (n > 0) {
        await audit(client, {
          actorLabel: 'system:retention',
          agencyId: null,
          action: LPR_PURGE_ACTION,
          targetType: 'event',
          targetId: 'lpr',
          outcome: 'allow',
          details: { purged: n, olderThanDays: days, rule: 'LPR reads with no hotlist hit' },
        });
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    purged += n;
    if (n > 0) batches++;
    if (n < BATCH) return { purged, batches };
  }
}

/** Skip reads that other tables hold on to; those tables are optional (other modules' migrations). */
async function referenceGuards(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ ie: string | null; ei: string | null }>(
    `SELECT to_regclass('incident_event')::text AS ie, to_regclass('evidence_item')::text AS ei`,
  );
  const parts: string[] = [];
  if (rows[0]?.ie) parts.push('AND NOT EXISTS (SELECT 1 FROM incident_event ie WHERE ie.event_seq = e.seq)');
  if (rows[0]?.ei) {
    parts.push(`AND NOT EXISTS (SELECT 1 FROM evidence_item ei WHERE ei.kind = 'event' AND ei.source_ref IN (e.seq::text, 'event:' || e.seq))`);
  }
  return parts.join('\n              ');
}

export interface RetentionJob {
  stop: () => void;
}

/**
 * The scheduled retention job: first run a minute after start, then every `intervalMs` (default hourly).
 * LPR_RETENTION_DAYS sets the age. A failed round is logged and retried at the next tick.
 */
export function startRetention(
  rt: { pool: pg.Pool },
  opts: {
    intervalMs?: number;
    firstRunMs?: number;
    log?: (line: string) => void;
    days?: number;
    /** Each round's outcome, for the node's metrics (`rtcc_job_runs_total`). */
    onRun?: (outcome: 'ok' | 'skipped' | 'failed') => void;
  } = {},
): RetentionJob {
  const { intervalMs = 3600_000, firstRunMs = 60_000, log = console.log } = opts;
  const days = opts.days ?? securityConfig().LPR_RETENTION_DAYS;
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      const r = await purgeLprReads(rt.pool, days);
      if (r.purged) log(`[retention] purged ${r.purged} LPR reads older than ${days} days with no hotlist hit`);
      opts.onRun?.(r.skipped ? 'skipped' : 'ok');
    } catch (err) {
      log(`[retention] failed: ${err instanceof Error ? err.message : String(err)}`);
      opts.onRun?.('failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void round(), firstRunMs);
  const every = setInterval(() => void round(), intervalMs);
  first.unref();
  every.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
