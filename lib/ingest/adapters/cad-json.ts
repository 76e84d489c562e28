import { z } from 'zod';
import { ZLatitude, ZLongitude, type EventInput } from '@/lib/domain/event';
import { contains, type JurisdictionGeometry } from './jurisdiction';
import { badPayload, clip, toUtcIso } from './adapter-error';
import { ZUnitStatus } from './avl-osmand';

/**
 * CAD incident lifecycle JSON → `cad` events, one per status change: received → dispatched → en_route →
 * on_scene → cleared. The console's own format (CAD vendors differ; a site maps its CAD's export onto this).
 *
 * Per source: a category-code map (the CAD's codes → console category and priority, imported from CSV) and a
 * jurisdiction polygon. Events outside the polygon are still stored (the record stays whole) but flagged
 * `payload.outsideJurisdiction = true` and counted, so the live views can leave them out.
 */

export const CAD_STATUSES = ['received', 'dispatched', 'en_route', 'on_scene', 'cleared'] as const;

const ZCadUnit = z.strictObject({
  callSign: z.string().trim().min(1).max(50),
  status: ZUnitStatus.optional(),
});

export const ZCadIncident = z.strictObject({
  incidentNumber: z.string().trim().min(1).max(100),
  /** The CAD's own id of this update, when it has one; else status + statusAt identify it. */
  updateId: z.string().trim().min(1).max(80).optional(),
  status: z.enum(CAD_STATUSES),
  statusAt: z.iso.datetime({ offset: true }),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  typeCode: z.string().trim().min(1).max(100),
  description: z.string().trim().max(300).optional(),
  /** 1 = most urgent … 5. When absent, the code map's priority for the type code applies. */
  priority: z.number().int().min(1).max(5).optional(),
  location: z
    .strictObject({ lat: ZLatitude.optional(), lon: ZLongitude.optional(), address: z.string().trim().max(300).optional() })
    .refine((l) => (l.lat === undefined) === (l.lon === undefined), { message: 'lat and lon go together', path: ['lon'] })
    .optional(),
  units: z.array(ZCadUnit).max(100).default([]),
  notes: z.string().max(5000).optional(),
});
export type CadIncident = z.infer<typeof ZCadIncident>;

export const ZCadBatch = z.strictObject({ incidents: z.array(ZCadIncident).min(1).max(1000) });

export interface CodeMapEntry {
  description: string;
  category: string;
  priority: number | null;
}

export interface CadSettings {
  codeMap: ReadonlyMap<string, CodeMapEntry>;
  jurisdiction: JurisdictionGeometry | null;
}

export interface CadAdapted {
  events: EventInput[];
  outsideJurisdiction: number;
}

function toEvent(inc: CadIncident, settings: CadSettings): EventInput {
  const mapped = settings.codeMap.get(inc.typeCode);
  const lat = inc.location?.lat ?? null;
  const lon = inc.location?.lon ?? null;
  const outside = !!settings.jurisdiction && lat !== null && lon !== null && !contains(settings.jurisdiction, lat, lon);
  const statusAt = toUtcIso(inc.statusAt);
  return {
    externalId: `${inc.incidentNumber}:${inc.updateId ?? `${inc.status}@${statusAt}`}`,
    kind: 'cad',
    typeCode: (mapped?.category ?? inc.typeCode).slice(0, 100),
    occurredAt: statusAt,
    lat,
    lon,
    priority: inc.priority ?? mapped?.priority ?? null,
    title: clip(inc.description ?? mapped?.description ?? inc.typeCode, 300),
    address: clip(inc.location?.address, 300),
    payload: {
      incidentNumber: inc.incidentNumber,
      status: inc.status,
      sourceCode: inc.typeCode,
      mapped: !!mapped,
      receivedAt: inc.receivedAt ? toUtcIso(inc.receivedAt) : null,
      units: inc.units,
      notes: inc.notes ?? null,
      outsideJurisdiction: outside,
    },
  };
}

/** Validate the whole batch (400 naming e.g. `incidents[3].statusAt`), then map every incident. */
export function adaptCad(body: unknown, settings: CadSettings): CadAdapted {
  const parsed = ZCadBatch.safeParse(body);
  if (!parsed.success) throw badPayload(parsed.error, 'CAD batch');
  const events = parsed.data.incidents.map((inc) => toEvent(inc, settings));
  return { events, outsideJurisdiction: events.filter((e) => e.payload.outsideJurisdiction === true).length };
}
