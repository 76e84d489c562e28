import { componentLogger } from '@/lib/platform/log';
import { originIds, originLog } from '@/lib/platform/trace/origins';
import { startSpan, traceparentOf, tracer } from '@/lib/platform/trace/tracing';
import type { BatchOutput } from './engine';

const log = componentLogger('correlate');
const push = componentLogger('push');

export interface BatchTrace {
  /** After the batch committed and was pushed. */
  done: (out: BatchOutput) => void;
}

/**
 * The correlator's log line (debug) and span for a batch of events `from < seq <= upto`, under the ids of the
 * requests that brought them (lib/platform/trace/origins.ts): the span is a child of the first request's ingest
 * commit and links the others. Null, and free, when neither debug logging nor tracing is on.
 */
export function traceBatch(from: bigint, upto: bigint, events: number, startedAt: number, correlatedAt: number): BatchTrace | null {
  const debug = log.isLevelEnabled('debug');
  if (!events || (!debug && !tracer())) return null;
  const origins = originLog().between(from, upto);
  const reqIds = originIds(origins);
  const parents = origins.filter((o) => o.traceparent).map((o) => o.traceparent!);
  const seqs = [(from + 1n).toString(), upto.toString()];
  const span = startSpan('rtcc.correlate.batch', {
    parent: parents[0],
    links: parents.slice(1),
    startTime: performance.timeOrigin + startedAt,
    attributes: { 'rtcc.events': events, 'rtcc.seqs': seqs.join('-'), 'rtcc.request_ids': reqIds },
  });
  return {
    done(out) {
      const now = performance.now();
      const ms = Math.round((now - startedAt) * 10) / 10;
      // correlateMs: since correlating began, after the batch's live push (liveFirst); ms: since its read began.
      if (debug) log.debug({ reqIds, seqs, events, incidents: out.incidents.length, ms, correlateMs: Math.round((now - correlatedAt) * 10) / 10 }, 'batch committed');
      if (out.incidents.length) {
        if (debug) push.debug({ reqIds, seqs, incidents: out.incidents.length }, 'pushed incidents');
        startSpan('rtcc.push.incidents', { parent: span ? traceparentOf(span) : parents[0], attributes: { 'rtcc.incidents': out.incidents.length } })?.end();
      }
      span?.setAttribute('rtcc.incidents', out.incidents.length);
      span?.end();
    },
  };
}
