import type pg from 'pg';
import type { EventInput } from '@/lib/domain/event';

export interface IngestResult {
  externalId: string;
  seq: string;
  duplicate: boolean;
}

/**
 * Insert one batch on a client inside an open transaction. Idempotent by (source, externalId): duplicates report
 * the seq stored the first time. Returns the results in input order and the highest fresh seq.
 */
export async function insertBatch(
  client: pg.PoolClient,
  sourceId: string,
  events: EventInput[],
): Promise<{ results: IngestResult[]; maxSeq: bigint | null }> {
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
  return { results, maxSeq };
}
