import { ZEventBatch, ZEventInput, EVENT_KIND_SET, MAX_BATCH, type EventInput } from './event';

/**
 * ZEventInput's checks written out, for the ingest hot path. zod's generic walk of every field of every event was
 * the largest single cost of the ingest server's CPU in bench:ingest (≈ 6 µs of ≈ 35 µs per event). This accepts a
 * subset of what the schema accepts and returns exactly what the schema returns for it; for anything else it returns
 * null and the caller asks zod, whose verdict and field-named errors stay the contract (and the OpenAPI source).
 * tests/unit/event-input-fast.test.ts holds the two together over generated valid and invalid events.
 */

const KEYS: ReadonlySet<string> = new Set(['externalId', 'kind', 'typeCode', 'occurredAt', 'lat', 'lon', 'priority', 'title', 'address', 'payload']);
// The schema's own ISO datetime pattern (with offset), not a copy that could drift from it.
const ISO = (ZEventInput.shape.occurredAt as unknown as { _zod: { pattern: RegExp } })._zod.pattern;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** A trimmed string of min..max characters, or undefined when it is not. */
function text(v: unknown, min: number, max: number): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length >= min && t.length <= max ? t : undefined;
}

function coord(v: unknown, limit: number): number | null | undefined {
  if (v === undefined || v === null) return null;
  return typeof v === 'number' && Number.isFinite(v) && v >= -limit && v <= limit ? v : undefined;
}

export function fastEventInput(v: unknown): EventInput | null {
  if (!isPlain(v)) return null;
  for (const k in v) if (!KEYS.has(k)) return null;
  const externalId = text(v.externalId, 1, 200);
  const typeCode = text(v.typeCode, 1, 100);
  const { kind, occurredAt, priority, payload } = v;
  if (externalId === undefined || typeCode === undefined || typeof kind !== 'string' || !EVENT_KIND_SET.has(kind)) return null;
  if (typeof occurredAt !== 'string' || !ISO.test(occurredAt)) return null;
  const lat = coord(v.lat, 90);
  const lon = coord(v.lon, 180);
  if (lat === undefined || lon === undefined) return null;
  if (!(priority === undefined || priority === null || (Number.isInteger(priority) && (priority as number) >= 1 && (priority as number) <= 5))) return null;
  let outPayload: Record<string, unknown> = {};
  if (payload !== undefined) {
    if (!isPlain(payload)) return null;
    for (const k of Object.keys(payload)) if (k.length > 200 || k === '__proto__') return null;
    outPayload = payload;
  }
  const out: EventInput = { externalId, kind: kind as EventInput['kind'], typeCode, occurredAt, lat, lon, priority: (priority ?? null) as number | null, payload: outPayload };
  // Optional texts: absent stays absent; present but undefined (never from JSON) is kept as zod keeps it.
  for (const key of ['title', 'address'] as const) {
    if (!(key in v)) continue;
    const raw = v[key];
    const t = raw === undefined ? undefined : text(raw, 0, 300);
    if (t === undefined && raw !== undefined) return null;
    out[key] = t;
  }
  return out;
}

export type BatchParse = { success: true; data: { events: EventInput[] } } | { success: false; error: ReturnType<typeof ZEventBatch.safeParse>['error'] & object };

/** ZEventBatch.safeParse with the fast path per event; zod decides (and words the errors) whenever it is not taken. */
export function parseEventBatch(body: unknown): BatchParse {
  if (isPlain(body) && Object.keys(body).length === 1 && Array.isArray(body.events) && body.events.length >= 1 && body.events.length <= MAX_BATCH) {
    const events: EventInput[] = [];
    for (const e of body.events as unknown[]) {
      const ok = fastEventInput(e);
      if (!ok) break;
      events.push(ok);
    }
    if (events.length === body.events.length) return { success: true, data: { events } };
  }
  const parsed = ZEventBatch.safeParse(body);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, error: parsed.error };
}
