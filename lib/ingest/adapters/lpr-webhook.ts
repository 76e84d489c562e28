import { z } from 'zod';
import { ZLatitude, ZLongitude, type EventInput } from '@/lib/domain/event';
import { badField, badPayload, clip, toUtcIso } from './adapter-error';

/**
 * License-plate reads → `lpr` events, from the OpenALPR / Rekor agent "alpr_group" webhook (the real payload
 * is tests/fixtures/lpr/TestWebhook.json) or the console's generic JSON (`{ reads: [...] }`).
 *
 * OpenALPR posts base64 JPEG crops inline (tens of KB per read); they are not stored: the event keeps the
 * group uuid, with which the agent serves the image. Agent heartbeats posted to the same URL are accepted and
 * ignored. Hotlist matching (an extra `alert` event per hit) is lib/ingest/hotlist.ts.
 */

export interface LprRead {
  readId: string;
  plate: string;
  state: string | null;
  confidence: number | null;
  cameraId: string;
  cameraLabel: string | null;
  occurredAt: string;
  lat: number | null;
  lon: number | null;
  imageUrl: string | null;
  direction: number | null;
  vehicle: { make: string | null; model: string | null; color: string | null; bodyType: string | null } | null;
  provider: 'openalpr' | 'generic';
}

/** Plates compare on letters and digits only: "ABC-123", "abc 123" and "ABC123" are one plate. */
export function normalisePlate(plate: string): string {
  return plate.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const ZPlate = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .refine((p) => normalisePlate(p).length > 0, 'plate has no letters or digits');
const ZGuess = z.array(z.looseObject({ name: z.string().max(100), confidence: z.number().optional() })).optional();

const ZAlprGroup = z.looseObject({
  data_type: z.literal('alpr_group'),
  epoch_start: z.number().int().positive(),
  best_uuid: z.string().trim().min(1).max(150),
  best_plate_number: ZPlate,
  best_confidence: z.number().min(0).max(100).optional(),
  best_region: z.string().max(20).optional(),
  camera_id: z.union([z.number().int(), z.string().max(100)]),
  agent_uid: z.string().max(100).optional(),
  gps_latitude: ZLatitude.optional(),
  gps_longitude: ZLongitude.optional(),
  travel_direction: z.number().min(0).max(360).optional(),
  vehicle: z.looseObject({ color: ZGuess, make: ZGuess, make_model: ZGuess, body_type: ZGuess }).optional(),
  web_server_config: z.looseObject({ camera_label: z.string().max(100).optional() }).optional(),
});

/** `us-in` → `IN`; regions without a country prefix pass through upper-cased. */
function regionToState(region: string | undefined): string | null {
  if (!region) return null;
  const part = region.split('-').at(-1)?.trim().toUpperCase();
  return part && /^[A-Z0-9]{1,6}$/.test(part) ? part : null;
}

const top = (g: { name: string }[] | undefined) => g?.[0]?.name ?? null;

function fromAlprGroup(body: unknown): LprRead {
  const parsed = ZAlprGroup.safeParse(body);
  if (!parsed.success) throw badPayload(parsed.error, 'OpenALPR alpr_group');
  const g = parsed.data;
  // Agents without GPS send 0,0: that is "unknown", not the Gulf of Guinea.
  const placed = g.gps_latitude !== undefined && g.gps_longitude !== undefined && (g.gps_latitude !== 0 || g.gps_longitude !== 0);
  return {
    readId: g.best_uuid,
    plate: g.best_plate_number,
    state: regionToState(g.best_region),
    confidence: g.best_confidence ?? null,
    cameraId: String(g.camera_id),
    cameraLabel: g.web_server_config?.camera_label ?? null,
    occurredAt: new Date(g.epoch_start).toISOString(),
    lat: placed ? g.gps_latitude! : null,
    lon: placed ? g.gps_longitude! : null,
    imageUrl: null,
    direction: g.travel_direction ?? null,
    vehicle: g.vehicle
      ? { make: top(g.vehicle.make), model: top(g.vehicle.make_model), color: top(g.vehicle.color), bodyType: top(g.vehicle.body_type) }
      : null,
    provider: 'openalpr',
  };
}

const ZGenericRead = z.strictObject({
  readId: z.string().trim().min(1).max(150),
  plate: ZPlate,
  state: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,6}$/).optional(),
  /** 0–100. */
  confidence: z.number().min(0).max(100).optional(),
  cameraId: z.string().trim().min(1).max(100),
  occurredAt: z.iso.datetime({ offset: true }),
  lat: ZLatitude.optional(),
  lon: ZLongitude.optional(),
  imageUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  direction: z.number().min(0).max(360).optional(),
  vehicle: z
    .strictObject({ make: z.string().max(60).optional(), model: z.string().max(60).optional(), color: z.string().max(30).optional() })
    .optional(),
});
export const ZLprBatch = z.strictObject({ reads: z.array(ZGenericRead).min(1).max(1000) });

function fromGeneric(body: unknown): LprRead[] {
  const parsed = ZLprBatch.safeParse(body);
  if (!parsed.success) throw badPayload(parsed.error, 'LPR batch');
  return parsed.data.reads.map((r, i) => {
    if ((r.lat === undefined) !== (r.lon === undefined)) throw badField(`reads[${i}].lon`, 'lat and lon go together');
    return {
      readId: r.readId,
      plate: r.plate,
      state: r.state ?? null,
      confidence: r.confidence ?? null,
      cameraId: r.cameraId,
      cameraLabel: null,
      occurredAt: toUtcIso(r.occurredAt),
      lat: r.lat ?? null,
      lon: r.lon ?? null,
      imageUrl: r.imageUrl ?? null,
      direction: r.direction ?? null,
      vehicle: r.vehicle ? { make: r.vehicle.make ?? null, model: r.vehicle.model ?? null, color: r.vehicle.color ?? null, bodyType: null } : null,
      provider: 'generic',
    };
  });
}

/** Either payload → reads. `[]` for an OpenALPR heartbeat. */
export function adaptLprReads(body: unknown): LprRead[] {
  const dataType = body && typeof body === 'object' && !Array.isArray(body) ? (body as { data_type?: unknown }).data_type : undefined;
  if (dataType === 'heartbeat') return [];
  if (dataType !== undefined && dataType !== 'alpr_group') {
    throw badField('data_type', `"${String(dataType).slice(0, 40)}" is not supported (alpr_group, heartbeat)`);
  }
  return dataType === 'alpr_group' ? [fromAlprGroup(body)] : fromGeneric(body);
}

export function readToEvent(r: LprRead): EventInput {
  const plate = normalisePlate(r.plate);
  return {
    externalId: r.readId,
    kind: 'lpr',
    typeCode: 'plate_read',
    occurredAt: r.occurredAt,
    lat: r.lat,
    lon: r.lon,
    priority: null,
    title: clip(`Plate ${plate}${r.state ? ` (${r.state})` : ''}`, 300),
    payload: {
      plate,
      plateAsRead: r.plate,
      state: r.state,
      confidence: r.confidence,
      cameraId: r.cameraId,
      cameraLabel: r.cameraLabel,
      imageUrl: r.imageUrl,
      direction: r.direction,
      vehicle: r.vehicle,
      provider: r.provider,
    },
  };
}
