import { ZEventInput, type EventInput } from '@/lib/domain/event';
import { fastEventInput } from '@/lib/domain/event-input-fast';
import { AppError, fieldIssues, type FieldIssue } from '@/lib/platform/errors/app-error';
import type { Runtime } from '@/lib/platform/runtime';
import { agencyPlace } from '@/lib/agencies/agency-extent';
import { ingestEvents, type IngestOptions, type IngestResult } from './ingest-events';
import { applyPlaceRules } from './place-rules';
import { receiveFromSource, type SourceRequest, type SourceRequestOptions } from './source-request';
import { countOutcome } from './source-outcomes';

/** What an adapter step hands to ingest: the events, an optional in-transaction hook, and counters to report. */
export interface Adapted {
  events: EventInput[];
  afterInsert?: IngestOptions['afterInsert'];
  counts?: Record<string, number>;
  /** Ids the adapter made itself (hotlist hits), allowed the reserved `:hit` suffix. */
  serverMadeIds?: ReadonlySet<string>;
  /** The adapter already parsed the events with ZEventInput (the console's own batch route): not parsed twice. */
  validated?: boolean;
}

export interface AdaptedRoute extends SourceRequestOptions {
  /**
   * Foreign payload → events. Throws AppError 400 naming the field for anything it cannot read; may be async
   * to read per-source settings (code map, jurisdiction, hotlist) before the write transaction opens.
   */
  adapt: (request: SourceRequest) => Adapted | Promise<Adapted>;
}

export interface ReceiveSummary {
  accepted: number;
  duplicates: number;
  results: IngestResult[];
  [count: string]: number | IngestResult[];
}

/**
 * One pipeline for every ingest route: authenticate → rate limit → read body → HMAC → adapt → validate the
 * whole batch (all-or-nothing) → ingest in one transaction → ring the bus only after COMMIT.
 */
export async function receiveAdapted(rt: Runtime, req: Request, route: AdaptedRoute): Promise<ReceiveSummary> {
  let sourceId: string | null = null;
  try {
    const request = await receiveFromSource(rt, req, { ...route, onAuthenticated: (id) => (sourceId = id) });
    const adapted = await route.adapt(request);
    const valid = adapted.validated ? adapted.events : validateEvents(adapted.events);
    // The same place rules at every door: a gunshot without a place is refused here as by every adapter; one at
    // (0, 0) or outside the agency is stored flagged, out of live views. Still all-or-nothing for this API.
    const placed = applyPlaceRules(valid, (await agencyPlace(rt.pool, request.source.agencyId)).extent);
    const first = placed.issues[0];
    if (first) throw new AppError('BAD_REQUEST', `Invalid event: ${first.path}: ${first.message}`, placed.issues);
    const events = placed.events;
    const counts = placed.flagged ? { ...adapted.counts, locationFlagged: placed.flagged } : adapted.counts;
    const { results } = events.length ? await ingestEvents(rt, request.source.id, events, { afterInsert: adapted.afterInsert, serverMadeIds: adapted.serverMadeIds }) : { results: [] };
    countOutcome(rt.pool, request.source.id, true);
    const duplicates = results.filter((r) => r.duplicate).length;
    return { accepted: results.length - duplicates, duplicates, results, ...counts };
  } catch (err) {
    // Refused after the key was known (rate limit, size, signature, bad payload, database): the source's error rate.
    if (sourceId) countOutcome(rt.pool, sourceId, false);
    throw err;
  }
}

/** Adapters build events from foreign data: check every one against the one schema before anything is written. */
export function validateEvents(events: EventInput[]): EventInput[] {
  const issues: FieldIssue[] = [];
  const out: EventInput[] = [];
  events.forEach((e, i) => {
    const fast = fastEventInput(e);
    if (fast) {
      out.push(fast);
      return;
    }
    const parsed = ZEventInput.safeParse(e);
    if (parsed.success) out.push(parsed.data);
    else for (const issue of fieldIssues(parsed.error)) issues.push({ ...issue, path: `events[${i}].${issue.path}` });
  });
  const first = issues[0];
  if (first) throw new AppError('BAD_REQUEST', `Invalid event: ${first.path}: ${first.message}`, issues);
  return out;
}
