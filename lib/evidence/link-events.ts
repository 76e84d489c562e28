import { Readable } from 'node:stream';
import type pg from 'pg';
import { AppError } from '@/lib/platform/errors/app-error';
import type { CustodyActor } from './custody';
import { storeItem } from './store-item';
import type { EvidenceStorage } from './storage';
import type { ItemDto } from './types';

type EventRow = { seq: string; kind: string; type_code: string; occurred_at: Date; address: string | null; row: unknown };

/** The agency's stored events with these seqs, or 400 naming the unknown ones (nothing is written). */
export async function findAgencyEvents(pool: pg.Pool, agencyId: string, seqs: string[]): Promise<EventRow[]> {
  const unique = [...new Set(seqs)];
  const { rows } = await pool.query<EventRow>(
    `SELECT e.seq, e.kind, e.type_code, e.occurred_at, e.address, to_jsonb(e) AS row
       FROM event e JOIN source s ON s.id = e.source_id
      WHERE e.seq = ANY($1::bigint[]) AND s.agency_id = $2 ORDER BY e.seq`,
    [unique, agencyId],
  );
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.seq));
    const missing = unique.filter((s) => !found.has(s));
    throw new AppError('BAD_REQUEST', `Unknown event(s): ${missing.slice(0, 5).join(', ')}`, [{ path: 'eventSeqs', message: 'not an event of your agency' }]);
  }
  return rows;
}

/**
 * Add events as items: each becomes a JSON snapshot of the stored event (with its payload), hashed like any
 * file, so the package an attorney receives holds the record itself, not a pointer into our database.
 */
export async function linkEvents(
  pool: pg.Pool,
  storage: EvidenceStorage,
  c: { id: string; agencyId: string },
  who: CustodyActor,
  addedBy: string,
  seqs: string[],
): Promise<ItemDto[]> {
  const rows = await findAgencyEvents(pool, c.agencyId, seqs);
  const already = await pool.query<{ source_ref: string }>(
    `SELECT source_ref FROM evidence_item WHERE case_id = $1 AND source_ref = ANY($2::text[])`,
    [c.id, rows.map((r) => `event:${r.seq}`)],
  );
  const skip = new Set(already.rows.map((r) => r.source_ref));
  const out: ItemDto[] = [];
  for (const r of rows) {
    if (skip.has(`event:${r.seq}`)) continue; // linking twice is a no-op
    const json = Buffer.from(`${JSON.stringify(r.row, null, 2)}\n`, 'utf8');
    const title = `${r.kind} ${r.type_code} ${r.occurred_at.toISOString()}${r.address ? ` ${r.address}` : ''}`;
    out.push(
      await storeItem(pool, storage, c.id, who, { kind: 'event', title, mime: 'application/json', sourceRef: `event:${r.seq}`, addedBy }, Readable.from([json])),
    );
  }
  return out;
}
