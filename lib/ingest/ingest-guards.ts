import type { EventInput } from '@/lib/domain/event';
import { AppError, type FieldIssue } from '@/lib/platform/errors/app-error';

/** Clock skew a source may have: an event dated further ahead than this is refused at every door. */
export const FUTURE_TOLERANCE_MS = 15 * 60_000;
/** Ids ending so are hotlist hits, which the server itself makes from a read (lib/lpr/hotlist.ts): never a source. */
export const SERVER_HIT_SUFFIX = ':hit';

/**
 * Rules no door may let through, whatever the format: a timestamp far in the future (it would dodge retention and
 * sit on top of every "latest" view for years) and an id reserved for the server's own hotlist hits (a forged
 * `<read id>:hit` sibling would keep a plate read past LPR retention). `serverMade` are ids the caller built
 * itself from a hotlist match. Throws 400 naming each event.
 */
export function assertIngestable(events: readonly EventInput[], serverMade: ReadonlySet<string> = new Set(), now = Date.now()): void {
  const issues: FieldIssue[] = [];
  events.forEach((e, i) => {
    if (Date.parse(e.occurredAt) > now + FUTURE_TOLERANCE_MS) {
      issues.push({ path: `events[${i}].occurredAt`, message: `more than ${FUTURE_TOLERANCE_MS / 60_000} minutes in the future` });
    }
    if (e.externalId.endsWith(SERVER_HIT_SUFFIX) && !serverMade.has(e.externalId)) {
      issues.push({ path: `events[${i}].externalId`, message: `ids ending in "${SERVER_HIT_SUFFIX}" are reserved for the console's hotlist hits` });
    }
  });
  const first = issues[0];
  if (first) throw new AppError('BAD_REQUEST', `Invalid event: ${first.path}: ${first.message}`, issues);
}
