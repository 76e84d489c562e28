import type pg from 'pg';
import { ZEventInput, type EventInput } from '@/lib/domain/event';
import { fastEventInput } from '@/lib/domain/event-input-fast';
import { checkPlace } from '@/lib/domain/event-rules';
import type { ImportReport, MappingSpec, RowOutcome } from '@/lib/domain/source-mapping';
import { AppError } from '@/lib/platform/errors/app-error';
import { upsertCameras } from '@/lib/cameras/camera-store';
import { ingestEvents, type IngestResult, type IngestTarget } from '@/lib/ingest/ingest-events';
import { compileCameraMapping } from './mapping/compile-camera-mapping';
import { compileEventMapping, type MappedEvent, type MappingContext } from './mapping/compile-mapping';
import type { FileRecord } from './mapping/read-records';
import type { ImportTarget } from './import-target';

/** Events per ingest call: the group writer commits up to 5,000 in one transaction, several calls together. */
const CHUNK = 2000;

export interface ImportOptions {
  /** `rows`: every row's outcome; `problems` (default): refused, duplicate and warned rows only. */
  report?: 'rows' | 'problems';
  /** Called after each committed chunk with the records done so far. */
  onProgress?: (done: number, report: ImportReport) => Promise<void> | void;
}

/** Records that already are the console's EventInput (NDJSON replays): checked by the same schema and place rules. */
export function eventInputMapper(ctx: MappingContext): (rec: Record<string, unknown>) => MappedEvent {
  return (rec) => {
    const fast = fastEventInput(rec);
    let e: EventInput;
    if (fast) e = fast;
    else {
      const parsed = ZEventInput.safeParse(rec);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return { ok: false, field: issue.path.join('.') || 'event', reason: issue.message };
      }
      e = parsed.data;
    }
    const v = checkPlace(e, ctx.extent);
    if (!v.ok) return { ok: false, field: v.field, reason: v.reason };
    if (v.flag) e = { ...e, payload: { ...e.payload, locationFlag: v.flag } };
    return { ok: true, event: e, warnings: [], unmappedCode: null };
  };
}

const emptyReport = (rows: number): ImportReport => ({ rows, accepted: 0, duplicates: 0, refused: 0, warnings: 0, unmappedCodes: {}, outcomes: [] });

/**
 * Import records into a source, row by row: each is accepted, a duplicate (its externalId is stored already) or
 * refused with the field and the reason; refused rows never hold back the others. Accepted events go through the
 * one ingest write path (group commit, bus rung after COMMIT), so history imports reach search, rewind and the
 * correlator like live data. `spec` null: the records are EventInput already.
 */
export async function importRecords(
  rt: IngestTarget,
  target: ImportTarget,
  spec: MappingSpec | null,
  records: readonly FileRecord[],
  opts: ImportOptions = {},
): Promise<ImportReport> {
  if (spec?.target === 'camera') return importCameras(rt.pool, target, spec, records, opts);
  const map = spec ? compileEventMapping(spec, target.ctx) : eventInputMapper(target.ctx);
  const report = emptyReport(records.length);
  const all = opts.report === 'rows';
  const pending: Promise<void>[] = [];
  let done = 0;
  for (let from = 0; from < records.length; from += CHUNK) {
    const chunk = records.slice(from, from + CHUNK);
    const events: EventInput[] = [];
    const meta: { rec: FileRecord; warnings: string[] }[] = [];
    for (const rec of chunk) {
      const m: MappedEvent = rec.fields ? map(rec.fields) : { ok: false, field: 'record', reason: rec.unreadable ?? 'unreadable' };
      if (!m.ok) {
        report.refused += 1;
        report.outcomes.push({ row: rec.row, status: 'refused', field: m.field, reason: m.reason, raw: rec.raw });
        continue;
      }
      if (m.unmappedCode !== null) report.unmappedCodes[m.unmappedCode] = (report.unmappedCodes[m.unmappedCode] ?? 0) + 1;
      events.push(m.event);
      meta.push({ rec, warnings: m.warnings });
    }
    const size = chunk.length;
    // Chunks are handed to the writer without waiting for the previous COMMIT: it groups them into fewer transactions.
    pending.push(
      writeChunk(rt, target.sourceId, events).then(async (results) => {
        results.forEach((r, i) => {
          const { rec, warnings } = meta[i]!;
          if (warnings.length) report.warnings += warnings.length;
          if ('refused' in r) {
            report.refused += 1;
            report.outcomes.push({ row: rec.row, status: 'refused', field: 'event', reason: r.refused, raw: rec.raw });
          } else if (r.duplicate) {
            report.duplicates += 1;
            report.outcomes.push({ row: rec.row, status: 'duplicate', externalId: r.externalId, seq: r.seq });
          } else {
            report.accepted += 1;
            if (all || warnings.length) report.outcomes.push({ row: rec.row, status: 'accepted', externalId: r.externalId, seq: r.seq, ...(warnings.length ? { warnings } : {}) });
          }
        });
        done += size;
        await opts.onProgress?.(done, report);
      }),
    );
    // Bounded read-ahead: a 200,000-row upload does not queue its whole self in memory at once.
    if (pending.length >= 4) await pending.shift();
  }
  await Promise.all(pending);
  report.outcomes.sort((a, b) => a.row - b.row);
  return report;
}

type ChunkResult = IngestResult | { refused: string };

/**
 * One chunk through ingest. When PostgreSQL refuses a value in it (a NUL byte, an out-of-range number), the chunk is
 * halved and each half written again, down to the one row to refuse: a bad row costs about log2(chunk) extra COPYs
 * instead of one transaction per row of its chunk, and never holds back the rows around it.
 */
async function writeChunk(rt: IngestTarget, sourceId: string, events: EventInput[]): Promise<ChunkResult[]> {
  if (!events.length) return [];
  try {
    return (await ingestEvents(rt, sourceId, events)).results;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'BAD_REQUEST')) throw err;
    if (events.length === 1) return [{ refused: err.message }];
    const half = Math.ceil(events.length / 2);
    const [a, b] = await Promise.all([writeChunk(rt, sourceId, events.slice(0, half)), writeChunk(rt, sourceId, events.slice(half))]);
    return [...a, ...b];
  }
}

async function importCameras(pool: pg.Pool, target: ImportTarget, spec: Extract<MappingSpec, { target: 'camera' }>, records: readonly FileRecord[], opts: ImportOptions): Promise<ImportReport> {
  const map = compileCameraMapping(spec);
  const report = emptyReport(records.length);
  const seen = new Map<string, number>();
  const cams = [];
  for (const rec of records) {
    const m = rec.fields ? map(rec.fields) : ({ ok: false, field: 'record', reason: rec.unreadable ?? 'unreadable' } as const);
    if (!m.ok) {
      report.refused += 1;
      report.outcomes.push({ row: rec.row, status: 'refused', field: m.field, reason: m.reason, raw: rec.raw });
    } else if (seen.has(m.camera.externalId)) {
      report.duplicates += 1;
      report.outcomes.push({ row: rec.row, status: 'duplicate', externalId: m.camera.externalId, reason: `same id as row ${seen.get(m.camera.externalId)}` });
    } else {
      seen.set(m.camera.externalId, rec.row);
      cams.push(m.camera);
      report.accepted += 1;
      if (opts.report === 'rows') report.outcomes.push({ row: rec.row, status: 'accepted', externalId: m.camera.externalId } satisfies RowOutcome);
    }
  }
  for (let i = 0; i < cams.length; i += 1000) await upsertCameras(pool, target.agencyId, cams.slice(i, i + 1000));
  await opts.onProgress?.(records.length, report);
  report.outcomes.sort((a, b) => a.row - b.row);
  return report;
}
