import type pg from 'pg';
import type { EventInput } from '@/lib/domain/event';
import { NOTIFY_CHANNEL } from '@/lib/realtime/bus';

export interface IngestResult {
  externalId: string;
  seq: string;
  duplicate: boolean;
}

/**
 * Serialises event commits so that seq order equals commit order: a reader that has seen seq N can never later
 * find a smaller seq committing behind it (which would be a gap for live clients).
 */
const EVENT_WRITE_LOCK = 7261002;

export interface IngestOptions {
  /**
   * Runs inside the batch's transaction after the events are written and before COMMIT, e.g. to move the
   * `unit` rows an AVL batch reports. It sees which events are fresh (not duplicates); a throw rolls back all.
   */
  afterInsert?: (client: pg.PoolClient, results: IngestResult[]) => Promise<void>;
}

/**
 * Store a validated batch in one transaction. Idempotent by (source, externalId): a retried or concurrent
 * duplicate is a no-op and reports the seq stored the first time. Resolves only after COMMIT.
 */
export async function ingestEvents(
  pool: pg.Pool,
  sourceId: string,
  events: EventInput[],
  options: IngestOptions = {},
): Promise<{ results: IngestResult[]; maxSeq: bigint | null }> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [EVENT_WRITE_LOCK]);
    const inserted = await client.query<{ seq: string; external_id: string }>(
      `INSERT INTO event (source_id, external_id, kind, type_code, occurred_at, lat, lon, priority, title, address, payload)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::float8[], $7::float8[],
                                $8::int2[], $9::text[], $10::text[], $11::jsonb[])
       ON CONFLICT (source_id, external_id) DO NOTHING
       RETURNING seq, external_id`,
      [
        sourceId,
        events.map((e) => e.externalId),
        events.map((e) => e.kind),
        events.map((e) => e.typeCode),
        events.map((e) => e.occurredAt),
        events.map((e) => e.lat),
        events.map((e) => e.lon),
        events.map((e) => e.priority),
        events.map((e) => e.title ?? null),
        events.map((e) => e.address ?? null),
        events.map((e) => JSON.stringify(e.payload)),
      ],
    );
    const fresh = new Map(inserted.rows.map((r) => [r.external_id, r.seq]));
    const missing = events.filter((e) => !fresh.has(e.externalId)).map((e) => e.externalId);
    const existing = new Map<string, string>();
    if (missing.length) {
      const { rows } = await client.query<{ seq: string; external_id: string }>(
        'SELECT seq, external_id FROM event WHERE source_id = $1 AND external_id = ANY($2::text[])',
        [sourceId, missing],
      );
      for (const r of rows) existing.set(r.external_id, r.seq);
    }
    let maxSeq: bigint | null = null;
    for (const seq of fresh.values()) if (maxSeq === null || BigInt(seq) > maxSeq) maxSeq = BigInt(seq);

    const seen = new Set<string>();
    const results = events.map((e): IngestResult => {
      const firstInBatch = !seen.has(e.externalId);
      seen.add(e.externalId);
      const freshSeq = fresh.get(e.externalId);
      if (freshSeq !== undefined && firstInBatch) return { externalId: e.externalId, seq: freshSeq, duplicate: false };
      return { externalId: e.externalId, seq: freshSeq ?? existing.get(e.externalId) ?? '', duplicate: true };
    });
    if (options.afterInsert) await options.afterInsert(client, results);
    if (maxSeq !== null) await client.query(`SELECT pg_notify($1, $2)`, [NOTIFY_CHANNEL, maxSeq.toString()]);
    await client.query('COMMIT');
    return { results, maxSeq };
  } catch (err) {
    failed = err as Error;
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    // A connection that failed mid-transaction may be broken (database restart): destroy it, never reuse it.
    client.release(failed);
  }
}
