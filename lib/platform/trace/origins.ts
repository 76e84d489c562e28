import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who brought a batch of events: the request id of the HTTP request (its `x-request-id`: the proxy's, or one the
 * edge made) or of another door (MQTT message, CAP poll, import job), and, when tracing is on, the W3C
 * `traceparent` of the span that committed it. It follows the committed seqs to the correlator and the push, so one
 * id (and one trace) joins the ingest, correlate and push log lines of the same events.
 */
export interface Origin {
  id: string;
  traceparent?: string;
}

const ID_RE = /^[\w.-]{1,64}$/;
const TRACEPARENT_RE = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** An origin fit to be logged and sent in a NOTIFY payload (ids are `[\w.-]{1,64}`), or undefined. */
export function cleanOrigin(o: Partial<Origin> | undefined): Origin | undefined {
  if (!o?.id || !ID_RE.test(o.id)) return undefined;
  return o.traceparent && TRACEPARENT_RE.test(o.traceparent) ? { id: o.id, traceparent: o.traceparent } : { id: o.id };
}

export const isTraceparent = (s: string) => TRACEPARENT_RE.test(s);

interface Range {
  first: bigint;
  last: bigint;
  origin: Origin;
}

/**
 * seq range → origin, for the newest ranges only (a side table in memory, never a column: the ingest write path
 * pays one array push per request). Ranges arrive in commit order, which is seq order (ingest's write lock), so a
 * lookup is a binary search. Bounded: the oldest half is dropped past `cap` entries; a batch whose events are older
 * than that simply logs no id.
 */
export class OriginLog {
  private ranges: Range[] = [];

  constructor(private readonly cap = 8192) {}

  record(first: bigint, last: bigint, origin: Origin): void {
    const r = this.ranges;
    const tail = r[r.length - 1];
    if (!tail || first > tail.first) r.push({ first, last, origin });
    else {
      // Heard twice (this node's own commit, then its NOTIFY) or out of order (another node's NOTIFY): place it once.
      const i = this.lowerBound(first);
      if (r[i]?.first === first) return;
      r.splice(i, 0, { first, last, origin });
    }
    if (r.length > this.cap * 2) r.splice(0, r.length - this.cap);
  }

  /** Origins of the events with `from < seq <= upto`, in seq order, at most `max` of them. */
  between(from: bigint, upto: bigint, max = 32): Origin[] {
    const r = this.ranges;
    // First range that can reach past `from`: ranges do not overlap, so step back one from the first starting after it.
    let i = Math.max(0, this.lowerBound(from + 1n) - 1);
    const out: Origin[] = [];
    for (; i < r.length && out.length < max; i++) {
      const x = r[i]!;
      if (x.first > upto) break;
      if (x.last > from) out.push(x.origin);
    }
    return out;
  }

  size(): number {
    return this.ranges.length;
  }

  private lowerBound(seq: bigint): number {
    let lo = 0;
    let hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranges[mid]!.first < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// Process-wide, like the runtime: Next bundles the route modules apart from server.ts, so module-level singletons
// would exist twice (the route's ingest would record into a log the correlator never reads).
const KEY = Symbol.for('rtcc.origins');
type Holder = { [KEY]?: { log: OriginLog; als: AsyncLocalStorage<Origin> } };
function shared(): { log: OriginLog; als: AsyncLocalStorage<Origin> } {
  const g = globalThis as Holder;
  return (g[KEY] ??= { log: new OriginLog(), als: new AsyncLocalStorage<Origin>() });
}

export const originLog = (): OriginLog => shared().log;

/** Run `fn` (an HTTP request's handling, an MQTT message, a job) with `origin` as the origin of what it ingests. */
export function runWithOrigin<T>(origin: Origin, fn: () => T): T {
  return shared().als.run(origin, fn);
}

export function currentOrigin(): Origin | undefined {
  return shared().als.getStore();
}

/** The channel ingest NOTIFYs its batches' origins on, before the commit doorbell (same transaction, so same order). */
export const ORIGIN_CHANNEL = 'rtcc_event_origin';

/** `[first, last, id, traceparent?]` per range; NOTIFY payloads are capped at 8000 bytes, so ≤ 40 ranges a payload. */
export type OriginWire = [string, string, string, string?];

export function originPayloads(ranges: { first: string; last: string; origin: Origin }[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ranges.length; i += 40) {
    out.push(JSON.stringify(ranges.slice(i, i + 40).map((r): OriginWire => (r.origin.traceparent ? [r.first, r.last, r.origin.id, r.origin.traceparent] : [r.first, r.last, r.origin.id]))));
  }
  return out;
}

/** Record a NOTIFY payload from any node; anything malformed is ignored (an older or newer node's format). */
export function recordOriginPayload(payload: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return;
  }
  if (!Array.isArray(parsed)) return;
  const log = originLog();
  for (const w of parsed) {
    if (!Array.isArray(w) || !/^\d+$/.test(String(w[0])) || !/^\d+$/.test(String(w[1]))) continue;
    const origin = cleanOrigin({ id: String(w[2]), traceparent: w[3] === undefined ? undefined : String(w[3]) });
    if (origin) log.record(BigInt(w[0] as string), BigInt(w[1] as string), origin);
  }
}

/** The distinct ids of some origins, for a log line. */
export const originIds = (origins: Origin[]): string[] => [...new Set(origins.map((o) => o.id))];
