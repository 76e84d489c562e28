import { z } from 'zod';
import { ZLatitude, ZLongitude, type EventInput } from '@/lib/domain/event';
import { badField, badPayload, toUtcIso } from './adapter-error';

/**
 * Unit positions (AVL) → `avl` events: Traccar's OsmAnd protocol (query string, form body, or its JSON body)
 * and the console's JSON batch. Each fix also moves the unit's row (see lib/ingest/unit-positions.ts).
 *
 * OsmAnd as Traccar reads it: `id`|`deviceid`, `lat`+`lon` or `location=lat,lon`, `timestamp` (Unix seconds or
 * ms, ISO 8601, or `yyyy-MM-dd HH:mm:ss` UTC), `speed` in knots, `bearing`|`heading`, `altitude`, `accuracy`,
 * `batt`. `status` is this console's addition so a mobile data terminal can report unit status.
 */

export const UNIT_STATUS = ['available', 'dispatched', 'en_route', 'on_scene', 'out_of_service'] as const;
export type UnitStatus = (typeof UNIT_STATUS)[number];

export interface AvlFix {
  unitId: string;
  lat: number;
  lon: number;
  occurredAt: string;
  speedKmh: number | null;
  heading: number | null;
  accuracyM: number | null;
  altitudeM: number | null;
  battery: number | null;
  status: UnitStatus | null;
  unitType: string | null;
  protocol: 'osmand' | 'json';
}

const KNOT_KMH = 1.852;
const ZUnitId = z.string().trim().min(1).max(50).regex(/^[\w.:@-]+$/, 'letters, digits and . _ : @ - only');
const ZHeading = z.number().min(0).max(360);

/** "On Scene", "on-scene", "ONSCENE", "oos" → the five statuses the console knows. */
export const ZUnitStatus = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return ({ onscene: 'on_scene', enroute: 'en_route', oos: 'out_of_service', outofservice: 'out_of_service' } as Record<string, string>)[s] ?? s;
}, z.enum(UNIT_STATUS));

/** Traccar's four timestamp forms → ISO UTC, or null when unreadable. */
export function osmandTime(value: string): string | null {
  const v = value.trim();
  if (/^\d{1,16}$/.test(v)) {
    const n = Number(v);
    return new Date(n < 2 ** 31 ? n * 1000 : n).toISOString();
  }
  const iso = v.includes('T') ? v : /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(v) ? `${v.replace(' ', 'T')}Z` : '';
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function num(params: URLSearchParams, name: string): number | null {
  const v = params.get(name);
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw badField(name, `"${v.slice(0, 40)}" is not a number`);
  return n;
}

function check<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw badField(field, r.error.issues[0]?.message ?? 'invalid');
  return r.data;
}

/** One OsmAnd fix from query-string (or form-encoded) parameters. Without a timestamp the fix is "now", as in Traccar. */
export function adaptOsmandParams(params: URLSearchParams, now = new Date()): AvlFix {
  const unitId = check(ZUnitId, params.get('id') ?? params.get('deviceid') ?? '', 'id');
  let lat = num(params, 'lat');
  let lon = num(params, 'lon');
  const location = params.get('location');
  if ((lat === null || lon === null) && location) {
    const [a, b] = location.split(',').map(Number);
    lat = Number.isFinite(a) ? a! : null;
    lon = Number.isFinite(b) ? b! : null;
  }
  const ts = params.get('timestamp');
  const occurredAt = ts === null ? now.toISOString() : osmandTime(ts);
  if (occurredAt === null) throw badField('timestamp', `"${ts!.slice(0, 40)}" is not Unix time, ISO 8601 or yyyy-MM-dd HH:mm:ss`);
  const speed = num(params, 'speed');
  const status = params.get('status');
  return {
    unitId,
    lat: check(ZLatitude, lat, 'lat'),
    lon: check(ZLongitude, lon, 'lon'),
    occurredAt,
    speedKmh: speed === null ? null : check(z.number().min(0).max(2000), speed * KNOT_KMH, 'speed'),
    heading: check(ZHeading.nullable(), num(params, 'bearing') ?? num(params, 'heading'), 'bearing'),
    accuracyM: check(z.number().min(0).nullable(), num(params, 'accuracy'), 'accuracy'),
    altitudeM: num(params, 'altitude'),
    battery: num(params, 'batt'),
    status: status === null || status === '' ? null : check(ZUnitStatus, status, 'status'),
    unitType: null,
    protocol: 'osmand',
  };
}

/** Traccar's OsmAnd JSON body (the shape the Traccar Client apps post): speed in m/s. */
const ZOsmandJson = z.looseObject({
  device_id: ZUnitId,
  location: z.looseObject({
    timestamp: z.iso.datetime({ offset: true }),
    coords: z.looseObject({
      latitude: ZLatitude,
      longitude: ZLongitude,
      speed: z.number().min(-1).max(600).optional(),
      heading: z.number().min(-1).max(360).optional(),
      accuracy: z.number().min(0).optional(),
      altitude: z.number().optional(),
    }),
    battery: z.looseObject({ level: z.number().min(-1).max(1).optional() }).optional(),
  }),
  status: ZUnitStatus.optional(),
});

export function adaptOsmandJson(body: unknown): AvlFix {
  const parsed = ZOsmandJson.safeParse(body);
  if (!parsed.success) throw badPayload(parsed.error, 'OsmAnd JSON');
  const { device_id, location, status } = parsed.data;
  const c = location.coords;
  // The apps send -1 for "unknown" speed and heading.
  const known = (v: number | undefined) => (v === undefined || v < 0 ? null : v);
  const speed = known(c.speed);
  const level = location.battery?.level;
  return {
    unitId: device_id,
    lat: c.latitude,
    lon: c.longitude,
    occurredAt: toUtcIso(location.timestamp),
    speedKmh: speed === null ? null : speed * 3.6,
    heading: known(c.heading),
    accuracyM: c.accuracy ?? null,
    altitudeM: c.altitude ?? null,
    battery: level === undefined || level < 0 ? null : Math.round(level * 100),
    status: status ?? null,
    unitType: null,
    protocol: 'osmand',
  };
}

/** The console's own batch: `{ positions: [{ unitId, lat, lon, timestamp, speedKmh?, heading?, status?, unitType? }] }`. */
export const ZAvlBatch = z.strictObject({
  positions: z
    .array(
      z.strictObject({
        unitId: ZUnitId,
        lat: ZLatitude,
        lon: ZLongitude,
        timestamp: z.iso.datetime({ offset: true }),
        speedKmh: z.number().min(0).max(2000).optional(),
        heading: ZHeading.optional(),
        accuracyM: z.number().min(0).optional(),
        status: ZUnitStatus.optional(),
        unitType: z.string().trim().min(1).max(50).optional(),
      }),
    )
    .min(1)
    .max(1000),
});

export function adaptAvlBatch(body: unknown): AvlFix[] {
  const parsed = ZAvlBatch.safeParse(body);
  if (!parsed.success) throw badPayload(parsed.error, 'AVL batch');
  return parsed.data.positions.map((p) => ({
    unitId: p.unitId,
    lat: p.lat,
    lon: p.lon,
    occurredAt: toUtcIso(p.timestamp),
    speedKmh: p.speedKmh ?? null,
    heading: p.heading ?? null,
    accuracyM: p.accuracyM ?? null,
    altitudeM: null,
    battery: null,
    status: p.status ?? null,
    unitType: p.unitType ?? null,
    protocol: 'json',
  }));
}

/** externalId = unit + fix time: a device re-sending a buffered fix adds nothing. */
export function fixToEvent(f: AvlFix): EventInput {
  return {
    externalId: `${f.unitId}@${f.occurredAt}`,
    kind: 'avl',
    typeCode: 'position',
    occurredAt: f.occurredAt,
    lat: f.lat,
    lon: f.lon,
    priority: null,
    title: f.unitId,
    payload: {
      unitId: f.unitId,
      speedKmh: f.speedKmh,
      heading: f.heading,
      accuracyM: f.accuracyM,
      altitudeM: f.altitudeM,
      battery: f.battery,
      status: f.status,
      protocol: f.protocol,
    },
  };
}
