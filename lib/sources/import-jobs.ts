import crypto from 'node:crypto';
import type pg from 'pg';
import { audit } from '@/lib/audit/audit';
import type { SessionUser } from '@/lib/auth/session-user';
import type { ImportReport, RowOutcome } from '@/lib/domain/source-mapping';
import { withTransaction } from '@/lib/platform/db/with-transaction';
import { AppError } from '@/lib/platform/errors/app-error';
import { readTextLimited } from '@/lib/platform/http/read-body';
import type { Runtime } from '@/lib/platform/runtime';
import { HEARTBEAT_MS, importNode } from './import-job-sweep';
import { importRecords } from './import-records';
import { loadImportTarget } from './import-target';
import { MAX_IMPORT_BYTES, parseBody } from './receive-import';
import { csvLine } from './mapping/read-records';

export interface ImportJobDto {
  id: string;
  sourceId: string;
  fileName: string;
  /** `interrupted`: the server stopped while it ran (error says how far it got and how to finish it). */
  status: 'running' | 'done' | 'failed' | 'interrupted';
  total: number;
  processed: number;
  accepted: number;
  duplicates: number;
  refused: number;
  warnings: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** The first problems (refused or warned rows), for the page; the reject file has every refused row. */
  problems?: RowOutcome[];
  unmappedCodes?: Record<string, number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Problems kept in memory for the page while a job runs (every refused row goes to import_reject). */
const SHOWN_PROBLEMS = 200;
const live = new Map<string, { problems: RowOutcome[]; unmappedCodes: Record<string, number> }>();

const COLUMNS = `id, source_id AS "sourceId", file_name AS "fileName", status, total, processed, accepted, duplicates, refused, warnings,
                 error, created_at AS "createdAt", finished_at AS "finishedAt"`;
type Row = Omit<ImportJobDto, 'createdAt' | 'finishedAt'> & { createdAt: Date; finishedAt: Date | null };
const toDto = (r: Row): ImportJobDto => ({ ...r, createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null, ...live.get(r.id) });

/**
 * POST /api/admin/sources/[id]/imports: an uploaded file through the source's saved mapping. Answers 202 with the
 * job as soon as the file is read; the import runs on this node and the page follows it (GET the job) to the end.
 * Rows are committed chunk by chunk, and refused rows stored as they come, so a job cut short by a restart (marked
 * interrupted: import-job-sweep.ts) is finished by importing the file again: rows already stored come back as duplicates.
 */
export async function startImportJob(rt: Runtime, admin: SessionUser, sourceId: string, req: Request, fileName: string): Promise<ImportJobDto> {
  const target = await loadImportTarget(rt.pool, sourceId, admin.agencyId);
  if (!target.spec) throw new AppError('CONFLICT', 'Save a mapping for this source first');
  const text = await readTextLimited(req, MAX_IMPORT_BYTES, 'The file is not valid UTF-8 text');
  const spec = target.spec;
  const { header, records } = parseBody(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, spec.format, spec.recordsPath);
  const id = crypto.randomUUID();
  const name = fileName.slice(0, 200) || 'upload';
  await rt.pool.query(
    `INSERT INTO import_job (id, source_id, agency_id, created_by, file_name, total, header, node) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, sourceId, admin.agencyId, admin.id, name, records.length, header ? csvLine(header) : null, importNode(rt.env.PORT)],
  );
  await audit(rt.pool, { actor: admin, action: 'admin.source.import', targetType: 'source', targetId: sourceId, ip: null, outcome: 'allow', details: { jobId: id, fileName: name, rows: records.length } });
  const state = { problems: [] as RowOutcome[], unmappedCodes: {} as Record<string, number> };
  live.set(id, state);
  let lastWrite = 0;
  let rejectsStored = 0;
  let checkpoints: Promise<void> = Promise.resolve();
  // Alive while it runs, even when a chunk waits long for the writer: a silent job is taken for a dead one.
  const heartbeat = setInterval(() => void rt.pool.query('UPDATE import_job SET heartbeat_at = now() WHERE id = $1', [id]).catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();
  const run = importRecords(rt, target, spec, records, {
    onProgress: async (done, report) => {
      state.problems = report.outcomes.filter((o) => o.status !== 'accepted' || o.warnings).slice(0, SHOWN_PROBLEMS);
      state.unmappedCodes = report.unmappedCodes;
      if (Date.now() - lastWrite < 250 && done < records.length) return;
      lastWrite = Date.now();
      // Refused rows so far, so an interrupted job's reject file still has them: taken with the counters in this
      // same tick (other chunks go on during the write) and committed with them (a kill between the two left a
      // reject file of 1,400 rows under a job that said 800 refused). One checkpoint at a time, in order: a later
      // one committed first would be overwritten by the earlier one's smaller counters.
      const upto = report.outcomes.length;
      const fresh = report.outcomes.slice(rejectsStored, upto);
      rejectsStored = upto;
      const counts = { ...report };
      checkpoints = checkpoints.then(() => checkpoint(rt.pool, id, fresh, done, counts));
      await checkpoints;
    },
  });
  void run
    .then(async (report) => {
      // Every refused row again (stored ones are skipped): the report's outcomes come back sorted by row, so an
      // index into them no longer marks what the checkpoints stored.
      await checkpoint(rt.pool, id, report.outcomes, records.length, report, 'done');
    })
    .catch(async (err: Error) => {
      console.error(`[import] job ${id} failed: ${err.message}`);
      await rt.pool
        .query(`UPDATE import_job SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'running'`, [id, err.message.slice(0, 500)])
        .catch(() => {});
    })
    .finally(() => {
      clearInterval(heartbeat);
      setTimeout(() => live.delete(id), 10 * 60_000).unref();
    });
  return (await getImportJob(rt.pool, admin.agencyId, id))!;
}

/** The job's counters and the refused rows they count, in one transaction: the reject file never disagrees with them. */
async function checkpoint(pool: pg.Pool, id: string, outcomes: RowOutcome[], done: number, r: ImportCounts, status?: 'done'): Promise<void> {
  await withTransaction(pool, async (client) => {
    await storeRejects(client, id, outcomes);
    await client.query(
      `UPDATE import_job SET processed = $2, accepted = $3, duplicates = $4, refused = $5, warnings = $6, heartbeat_at = now(),
              status = coalesce($7, status), finished_at = CASE WHEN $7 IS NULL THEN finished_at ELSE now() END WHERE id = $1 AND status = 'running'`,
      [id, done, r.accepted, r.duplicates, r.refused, r.warnings, status ?? null],
    );
  });
}

type ImportCounts = Pick<ImportReport, 'accepted' | 'duplicates' | 'refused' | 'warnings'>;

async function storeRejects(client: pg.PoolClient, jobId: string, outcomes: RowOutcome[]): Promise<void> {
  const refused = outcomes.filter((o) => o.status === 'refused');
  for (let i = 0; i < refused.length; i += 5000) {
    const part = refused.slice(i, i + 5000);
    await client.query(
      `INSERT INTO import_reject (job_id, row_number, field, reason, raw) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT DO NOTHING`,
      [jobId, part.map((o) => o.row), part.map((o) => o.field ?? ''), part.map((o) => o.reason ?? ''), part.map((o) => o.raw ?? '')],
    );
  }
}

export async function getImportJob(pool: pg.Pool, agencyId: string, id: string): Promise<ImportJobDto | null> {
  if (!UUID.test(id)) return null;
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM import_job WHERE id = $1 AND agency_id = $2`, [id, agencyId]);
  return rows[0] ? toDto(rows[0]) : null;
}

export async function listImportJobs(pool: pg.Pool, agencyId: string, sourceId: string): Promise<ImportJobDto[]> {
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM import_job WHERE agency_id = $1 AND source_id = $2 ORDER BY created_at DESC LIMIT 20`, [agencyId, sourceId]);
  return rows.map(toDto);
}

/**
 * GET /api/admin/imports/[id]/rejects: every refused row as it came, with its row number, field and reason: a CSV
 * import's rejects are a CSV with the file's header plus three columns, to fix and import again.
 */
export async function rejectFile(pool: pg.Pool, agencyId: string, id: string): Promise<Response> {
  const { rows: jobs } = await pool.query<{ header: string | null; file_name: string }>('SELECT header, file_name FROM import_job WHERE id = $1 AND agency_id = $2', [UUID.test(id) ? id : null, agencyId]);
  const job = jobs[0];
  if (!job) throw new AppError('NOT_FOUND', 'No such import');
  const { rows } = await pool.query<{ row_number: number; field: string; reason: string; raw: string }>(
    'SELECT row_number, field, reason, raw FROM import_reject WHERE job_id = $1 ORDER BY row_number',
    [id],
  );
  const base = job.file_name.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_') || 'import';
  if (job.header !== null) {
    const lines = [`${job.header},${csvLine(['rtcc_row', 'rtcc_field', 'rtcc_reason'])}`, ...rows.map((r) => `${r.raw},${csvLine([String(r.row_number), r.field, r.reason])}`)];
    return new Response(`${lines.join('\r\n')}\r\n`, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${base}.rejects.csv"` } });
  }
  const lines = rows.map((r) => JSON.stringify({ rtcc_row: r.row_number, rtcc_field: r.field, rtcc_reason: r.reason, record: r.raw }));
  return new Response(lines.join('\n') + (lines.length ? '\n' : ''), { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': `attachment; filename="${base}.rejects.ndjson"` } });
}
