import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EventInput } from '@/lib/domain/event';

export interface IngestResult {
  externalId: string;
  seq: string;
  duplicate: boolean;
}

const COPY_EVENTS =
  'COPY event (seq, source_id, external_id, kind, type_code, occurred_at, lat, lon, priority, title, address, payload) FROM STDIN';

/** One field in COPY's text format: \N for NULL; backslash, newline, CR and tab escaped. */
function copyField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  return /[\\\n\r\t]/.test(v) ? v.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : v;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Insert one batch on a client inside an open transaction that holds the event write lock (ingest-events.ts):
 * under that lock nobody else inserts events, so COPY — about twice as cheap per row as INSERT … ON CONFLICT — is
 * safe. Optimistic: the batch is COPYed whole under a savepoint; only when that hits a stored (source, externalId)
 * (a retry) is it rolled back and the stored ones looked up and left out. Duplicates, stored earlier or repeated
 * within the batch, report the seq stored the first time. Results are in input order.
 */
export async function insertBatch(
  client: pg.PoolClient,
  sourceId: string,
  events: EventInput[],
): Promise<{ results: IngestResult[]; maxSeq: bigint | null }> {
  const firsts = new Map<string, EventInput>();
  for (const e of events) if (!firsts.has(e.externalId)) firsts.set(e.externalId, e);
  const unique = [...firsts.values()];
  const seqs = await client.query<{ seq: string }>("SELECT nextval('event_seq_seq')::text AS seq FROM generate_series(1, $1)", [unique.length]);
  // Seqs follow input order so a source's own order survives (allocated ascending; sorted to be sure).
  const ordered = seqs.rows.map((r) => BigInt(r.seq)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const seqOf = new Map(unique.map((e, i) => [e.externalId, ordered[i]!.toString()]));

  const known = new Map<string, string>();
  await client.query('SAVEPOINT copy_events');
  try {
    await copyEvents(client, sourceId, unique, seqOf);
    await client.query('RELEASE SAVEPOINT copy_events');
  } catch (err) {
    await client.query('ROLLBACK TO SAVEPOINT copy_events');
    if ((err as { code?: string }).code !== '23505') throw err;
    const { rows } = await client.query<{ seq: string; external_id: string }>(
      'SELECT seq, external_id FROM event WHERE source_id = $1 AND external_id = ANY($2::text[])',
      [sourceId, unique.map((e) => e.externalId)],
    );
    for (const r of rows) known.set(r.external_id, r.seq);
    const fresh = unique.filter((e) => !known.has(e.externalId));
    if (fresh.length) await copyEvents(client, sourceId, fresh, seqOf);
  }

  let maxSeq: bigint | null = null;
  const seen = new Set<string>();
  const results = events.map((e): IngestResult => {
    const firstInBatch = !seen.has(e.externalId);
    seen.add(e.externalId);
    const stored = known.get(e.externalId);
    if (stored !== undefined || !firstInBatch) return { externalId: e.externalId, seq: stored ?? seqOf.get(e.externalId)!, duplicate: true };
    const seq = seqOf.get(e.externalId)!;
    if (maxSeq === null || BigInt(seq) > maxSeq) maxSeq = BigInt(seq);
    return { externalId: e.externalId, seq, duplicate: false };
  });
  return { results, maxSeq };
}

async function copyEvents(client: pg.PoolClient, sourceId: string, events: EventInput[], seqOf: Map<string, string>): Promise<void> {
  let text = '';
  for (const e of events) {
    text += `${seqOf.get(e.externalId)}\t${sourceId}\t${copyField(e.externalId)}\t${copyField(e.kind)}\t${copyField(e.typeCode)}\t${copyField(e.occurredAt)}\t${copyField(e.lat)}\t${copyField(e.lon)}\t${copyField(e.priority)}\t${copyField(e.title)}\t${copyField(e.address)}\t${copyField(JSON.stringify(e.payload))}\n`;
  }
  await pipeline(Readable.from([Buffer.from(text, 'utf8')]), client.query(copyFrom(COPY_EVENTS)));
}
