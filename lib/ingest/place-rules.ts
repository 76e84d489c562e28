import type { EventInput } from '@/lib/domain/event';
import { checkPlace, type Extent } from '@/lib/domain/event-rules';
import type { FieldIssue } from '@/lib/platform/errors/app-error';

/**
 * The place rules of lib/domain/event-rules.ts over a batch: refusals named per event (`events[3].lat`), flagged
 * events returned with `payload.locationFlag` set (a new payload object: the caller's stays as it was).
 */
export function applyPlaceRules(events: EventInput[], extent: Extent | null): { events: EventInput[]; flagged: number; issues: FieldIssue[] } {
  let flagged = 0;
  const issues: FieldIssue[] = [];
  const out = events.map((e, i) => {
    const v = checkPlace(e, extent);
    if (!v.ok) {
      issues.push({ path: `events[${i}].${v.field}`, message: v.reason });
      return e;
    }
    if (!v.flag) return e;
    flagged += 1;
    return { ...e, payload: { ...e.payload, locationFlag: v.flag } };
  });
  return { events: out, flagged, issues };
}
