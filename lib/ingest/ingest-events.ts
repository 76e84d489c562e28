import type pg from 'pg';
import type { EventInput } from '@/lib/domain/event';
import { AppError } from '@/lib/platform/errors/app-error';
import { hop } from '@/lib/platform/hop-log';
import { NOTIFY_CHANNEL, type EventBus } from '@/lib/platform/bus';
import { componentLogger } from '@/lib/platform/log';
import { cleanOrigin, currentOrigin, ORIGIN_CHANNEL, originIds, originLog, originPayloads, type Origin } from '@/lib/platform/trace/origins';
import { startSpan, traceparentOf } from '@/lib/platform/trace/tracing';
import { batchResults, copyRows, insertBatch, prepareBatch, type IngestResult, type PreparedBatch } from './insert-batch';
import { assertIngestable } from './ingest-guards';

export type { IngestResult } from './insert-batch';

/**
 * Serialises event commits across nodes so that seq order equals commit order: a reader that has seen seq N can
 * never later find a smaller seq committing behind it (which would be a gap for live clients).
 */
const EVENT_WRITE_LOCK = 7261002;
/** Upper bound of events written in one group transaction. */
const GROUP_MAX_EVENTS = 5000;

export interface IngestOptions {
  /**
   * Runs inside the batch's transaction after the events are written and before COMMIT, e.g. to move the
   * `unit` rows an AVL batch reports. It sees which events are fresh (not duplicates); a throw rolls back all.
   */
  afterInsert?: (client: pg.PoolClient, results: IngestResult[]) => Promise<void>;
  /** Ids the caller made itself (hotlist hits), allowed the reserved `:hit` suffix (ingest-guards.ts). */
  serverMadeIds?: ReadonlySet<string>;
  /** Who brought the batch (default: the request or job this runs in, lib/platform/trace/origins.ts). */
  origin?: Origin;
}

const log = componentLogger('ingest');

interface Job {
  batch: PreparedBatch;
  options: IngestOptions;
  origin: Origin | undefined;
  resolve: (r: { results: IngestResult[]; maxSeq: bigint | null }) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: batches that arrive while a transaction is open wait and are written together in the next one,
 * each in its own SAVEPOINT (one bad batch never fails its neighbours), with one COMMIT — one WAL flush — for
 * all. Every caller is still answered only after that COMMIT.
 */
class GroupWriter {
  private queue: Job[] = [];
  private running = false;

  constructor(private readonly pool: pg.Pool) {}

  submit(job: Job): void {
    this.queue.push(job);
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        let n = 0;
        let count = 0;
        while (n < this.queue.length && (n === 0 || count + this.queue[n]!.batch.events.length <= GROUP_MAX_EVENTS)) {
          count += this.queue[n]!.batch.events.length;
          n += 1;
        }
        await this.writeGroup(this.queue.splice(0, n));
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * One transaction for the group, in as few round trips as it takes: the event loop also parses the next
   * requests, and every round trip waits for it. BEGIN + lock + every job's seqs + the first savepoint go as one
   * simple query; then, when no job has a hook, ONE COPY for all of them (a retried batch makes it fail: then it
   * is rolled back and the jobs go one by one); otherwise per job its COPY (and hook) and one RELEASE/SAVEPOINT;
   * then RELEASE + NOTIFY + COMMIT. The SQL holds only constants and integers this function formats itself.
   */
  private async writeGroup(jobs: Job[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      for (const j of jobs) j.reject(err);
      return;
    }
    let broken: Error | undefined;
    const done: { job: Job; out: { results: IngestResult[]; maxSeq: bigint | null }; seqs: string[] }[] = [];
    const t0 = performance.now();
    try {
      const total = jobs.reduce((n, j) => n + j.batch.unique.length, 0);
      const opened = (await client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(${EVENT_WRITE_LOCK}); ${SEQ_RANGE(total)}; SAVEPOINT batch`,
      )) as unknown as pg.QueryResult<SeqRange>[];
      const all = seqRange(opened[2]!.rows[0]!, total) ?? (await allocateSeqs(client, total));
      let offset = 0;
      const seqs = jobs.map((j) => all.slice(offset, (offset += j.batch.unique.length)));
      let together = jobs.length > 1 && jobs.every((j) => !j.options.afterInsert);
      if (together) {
        try {
          await copyRows(client, jobs.map((j, i) => ({ rows: j.batch.rows, seqs: seqs[i]! })));
          jobs.forEach((job, i) => done.push({ job, out: batchResults(job.batch, seqs[i]!), seqs: seqs[i]! }));
        } catch {
          // A retry among them (or a value PostgreSQL refuses): sort it out per job, each in its own savepoint.
          await client.query('ROLLBACK TO SAVEPOINT batch');
          together = false;
        }
      }
      if (!together) {
        for (const [i, job] of jobs.entries()) {
          if (i > 0) await client.query('RELEASE SAVEPOINT batch; SAVEPOINT batch');
          try {
            const out = await insertBatch(client, 'batch', job.batch, seqs[i]!);
            if (job.options.afterInsert) await job.options.afterInsert(client, out.results);
            done.push({ job, out, seqs: seqs[i]! });
          } catch (err) {
            await client.query('ROLLBACK TO SAVEPOINT batch');
            job.reject(asInputError(err));
          }
        }
      }
      let maxSeq: bigint | null = null;
      for (const { out } of done) if (out.maxSeq !== null && (maxSeq === null || out.maxSeq > maxSeq)) maxSeq = out.maxSeq;
      // Each stored range's origin, told to every node before the doorbell (same transaction: heard in this order).
      const ranges = [];
      for (const { job, out, seqs: s } of done) if (job.origin && out.maxSeq !== null) ranges.push({ first: s[0]!, last: out.maxSeq.toString(), origin: job.origin });
      const origins = originPayloads(ranges).map((p) => `SELECT pg_notify('${ORIGIN_CHANNEL}', '${p}'); `).join('');
      const notify = maxSeq === null ? '' : `${origins}SELECT pg_notify('${NOTIFY_CHANNEL}', '${maxSeq.toString()}'); `;
      await client.query(`RELEASE SAVEPOINT batch; ${notify}COMMIT`);
      for (const r of ranges) originLog().record(BigInt(r.first), BigInt(r.last), r.origin);
      if (ranges.length && log.isLevelEnabled('debug')) {
        log.debug({ reqIds: originIds(ranges.map((r) => r.origin)), seqs: [ranges[0]!.first, ranges.at(-1)!.last], jobs: jobs.length, ms: Math.round((performance.now() - t0) * 10) / 10 }, 'committed');
      }
      for (const { job, out } of done) job.resolve(out);
    } catch (err) {
      broken = err as Error;
      await client.query('ROLLBACK').catch(() => {});
      for (const { job } of done) job.reject(err);
      for (const job of jobs) if (!done.some((d) => d.job === job)) job.reject(err);
    } finally {
      // A connection that failed mid-transaction may be broken (database restart): destroy it, never reuse it.
      client.release(broken);
    }
  }
}

interface SeqRange {
  first: string;
  last: string;
}
/**
 * A group's seqs, told as their first and last: under the event write lock they come out consecutive, and sending
 * one row instead of one per event (5,000 rows parsed, turned to BigInt and sorted per group) saved CPU on both
 * sides. Consecutive is checked, not assumed: a nextval outside ingest (a tool inserting events by hand) may take one
 * in between, and then the group's seqs are read one by one (allocateSeqs).
 */
const SEQ_RANGE = (n: number) => `SELECT min(s)::text AS first, max(s)::text AS last FROM (SELECT nextval('event_seq_seq') AS s FROM generate_series(1, ${n})) t`;

/** The seqs first..last as text when there are exactly `n` of them (all distinct, so they are that range), else null. */
export function seqRange(r: SeqRange, n: number): string[] | null {
  const first = BigInt(r.first);
  if (BigInt(r.last) - first + 1n !== BigInt(n)) return null;
  const out = new Array<string>(n);
  if (Number.isSafeInteger(Number(r.last))) for (let i = 0, f = Number(first); i < n; i++) out[i] = String(f + i);
  else for (let i = 0; i < n; i++) out[i] = (first + BigInt(i)).toString();
  return out;
}

/** `n` seqs allocated one by one, ascending (the range was not consecutive; its numbers are left as holes). */
async function allocateSeqs(client: pg.PoolClient, n: number): Promise<string[]> {
  const { rows } = await client.query<{ seq: string }>(`SELECT nextval('event_seq_seq')::text AS seq FROM generate_series(1, ${n})`);
  return rows.map((r) => BigInt(r.seq)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
}

/** PostgreSQL refusing the data itself (a NUL byte in text, an out-of-range value) is the caller's error: 400. */
function asInputError(err: unknown): unknown {
  const code = (err as { code?: string } | null)?.code;
  if (typeof code === 'string' && code.startsWith('22')) {
    return new AppError('BAD_REQUEST', `Event data refused by the database: ${(err as Error).message}`);
  }
  return err;
}

const writers = new WeakMap<pg.Pool, GroupWriter>();

/** Where ingest writes, and the in-process doorbell it rings after COMMIT (absent in tools: NOTIFY still rings). */
export interface IngestTarget {
  pool: pg.Pool;
  bus?: Pick<EventBus, 'committed'>;
}

/**
 * Store a validated batch in one transaction. Idempotent by (source, externalId): a retried or concurrent
 * duplicate is a no-op and reports the seq stored the first time. Resolves only after COMMIT, and then rings
 * the bus itself: every door (HTTP, MQTT, CAP poller, replay) gets the same "committed, then announced".
 */
export async function ingestEvents(
  target: IngestTarget,
  sourceId: string,
  events: EventInput[],
  options: IngestOptions = {},
): Promise<{ results: IngestResult[]; maxSeq: bigint | null }> {
  assertIngestable(events, options.serverMadeIds);
  let writer = writers.get(target.pool);
  if (!writer) writers.set(target.pool, (writer = new GroupWriter(target.pool)));
  const w = writer;
  // Prepared here, by the caller, not by the writer: see PreparedBatch.
  const batch = prepareBatch(sourceId, events);
  const given = cleanOrigin(options.origin ?? currentOrigin());
  const span = startSpan('rtcc.ingest.commit', { parent: given?.traceparent, attributes: { 'rtcc.events': events.length, ...(given ? { 'rtcc.request_id': given.id } : {}) } });
  // The commit's span is the parent of what the correlator and the push do with these events.
  const origin = given && span ? { id: given.id, traceparent: traceparentOf(span) } : given;
  try {
    const out = await new Promise<{ results: IngestResult[]; maxSeq: bigint | null }>((resolve, reject) => w.submit({ batch, options, origin, resolve, reject }));
    if (out.maxSeq !== null) {
      hop('commit', { max: out.maxSeq.toString(), n: events.length });
      target.bus?.committed(out.maxSeq);
    }
    if (span && out.maxSeq !== null) span.setAttribute('rtcc.max_seq', out.maxSeq.toString());
    return out;
  } catch (err) {
    span?.recordException(err as Error);
    span?.setStatus({ code: 2 });
    throw err;
  } finally {
    span?.end();
  }
}
