import { z } from 'zod';

/** Every kind of thing that flows through the console. One colour each on the map. */
export const EVENT_KINDS = ['call911', 'cad', 'gunshot', 'lpr', 'avl', 'sensor', 'alert', 'camera'] as const;
export const ZEventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof ZEventKind>;

export const ZLatitude = z.number().finite().min(-90).max(90);
export const ZLongitude = z.number().finite().min(-180).max(180);

/** Free-form source payload: any JSON object, bounded in size by the body limit. */
export const ZPayload = z.record(z.string().max(200), z.unknown());

/**
 * The one shape every adapter produces. Nothing else in the code knows a foreign format.
 * `externalId` is the source's own id: a retried delivery with the same id is a no-op.
 */
export const ZEventInput = z.strictObject({
  externalId: z.string().trim().min(1).max(200),
  kind: ZEventKind,
  typeCode: z.string().trim().min(1).max(100),
  occurredAt: z.iso.datetime({ offset: true }),
  lat: ZLatitude.nullable().default(null),
  lon: ZLongitude.nullable().default(null),
  priority: z.number().int().min(1).max(5).nullable().default(null),
  title: z.string().trim().max(300).optional(),
  address: z.string().trim().max(300).optional(),
  payload: ZPayload.default({}),
});
export type EventInput = z.infer<typeof ZEventInput>;
/** What a caller may send (defaults not yet applied). */
export type EventInputRaw = z.input<typeof ZEventInput>;

export const MAX_BATCH = 1000;
export const ZEventBatch = z.strictObject({
  events: z.array(ZEventInput).min(1).max(MAX_BATCH),
});

/** What the browser receives: never a raw database row. `seq` is a decimal string (bigint). */
export const ZEventDto = z.object({
  seq: z.string(),
  sourceId: z.string(),
  externalId: z.string(),
  kind: ZEventKind,
  typeCode: z.string(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  priority: z.number().nullable(),
  title: z.string().nullable(),
  address: z.string().nullable(),
});
export type EventDto = z.infer<typeof ZEventDto>;

/** EVENT_KINDS as a set, for the hand-written checks below and in event-input-fast.ts. */
export const EVENT_KIND_SET: ReadonlySet<string> = new Set(EVENT_KINDS);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNumOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
const isStrOrNull = (v: unknown) => v === null || typeof v === 'string';

/**
 * `ZEventDto.safeParse(v).success`, written out: the browser checks every pushed event (1,000 per socket message
 * in a burst), and zod's generic walk was half of the store's time per batch in bench:map. Unknown keys pass
 * here and are ignored (zod strips them); tests/unit/event-dto-guard.test.ts holds the two to the same verdicts.
 */
export function isEventDto(v: unknown): v is EventDto {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return isStr(e.seq) && isStr(e.sourceId) && isStr(e.externalId) && isStr(e.kind) && EVENT_KIND_SET.has(e.kind) && isStr(e.typeCode) &&
    isStr(e.occurredAt) && isStr(e.receivedAt) && isNumOrNull(e.lat) && isNumOrNull(e.lon) && isNumOrNull(e.priority) &&
    isStrOrNull(e.title) && isStrOrNull(e.address);
}

export const KIND_LABEL: Record<EventKind, string> = {
  call911: '911 call',
  cad: 'CAD',
  gunshot: 'Gunshot',
  lpr: 'LPR',
  avl: 'Unit GPS',
  sensor: 'Sensor',
  alert: 'Alert',
  camera: 'Camera',
};

/** RGB per kind, shared by the map layer, legend and feed. */
export const KIND_COLOR: Record<EventKind, [number, number, number]> = {
  call911: [248, 113, 113],
  cad: [96, 165, 250],
  gunshot: [250, 204, 21],
  lpr: [192, 132, 252],
  avl: [52, 211, 153],
  sensor: [45, 212, 191],
  alert: [251, 146, 60],
  camera: [148, 163, 184],
};
