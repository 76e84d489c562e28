import { ZEventBatch } from '@/lib/domain/event';
import { invalid } from '@/lib/errors/app-error';
import { readJson } from '@/lib/http/read-body';
import type { Runtime } from '@/lib/server/runtime';
import { authenticateSource } from './authenticate-source';
import { ingestEvents, type IngestResult } from './ingest-events';

export interface ReceiveSummary {
  accepted: number;
  duplicates: number;
  results: IngestResult[];
}

/**
 * POST /api/ingest/events: authenticate the source, validate the whole batch (all-or-nothing), store it,
 * and ring the bus only after COMMIT.
 */
export async function receiveEvents(rt: Runtime, req: Request): Promise<ReceiveSummary> {
  const source = await authenticateSource(rt.pool, req.headers);
  const body = await readJson(req, rt.env.INGEST_MAX_BODY_BYTES);
  const parsed = ZEventBatch.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, 'batch');
  const { results, maxSeq } = await ingestEvents(rt.pool, source.id, parsed.data.events);
  if (maxSeq !== null) rt.bus.committed(maxSeq);
  const duplicates = results.filter((r) => r.duplicate).length;
  return { accepted: results.length - duplicates, duplicates, results };
}
