import { z } from 'zod';
import { ZEventKind } from './event';
import { CAMERA_OWNERS } from './camera';

/**
 * A source's saved mapping: how one record of its exports (a CSV row, an NDJSON line, an element of a JSON array)
 * becomes an event (or a camera). Edited in admin with a live preview; the same spec serves the HTTP import
 * endpoint, file upload in admin and `npm run replay`. Compiled once (lib/sources/mapping/compile-mapping.ts).
 *
 * A field comes `from` a column (a CSV header, or a dotted path in a JSON record: `properties.Type`), a
 * `template` of columns (`{Date} {Time}`, `{Incident ID}-{Unit}`) or a `constant`.
 */
export const ZFieldRule = z.strictObject({
  from: z.enum(['column', 'template', 'constant']),
  value: z.string().max(500),
});
export type FieldRule = z.infer<typeof ZFieldRule>;

/**
 * Date formats: `iso` (ISO 8601; without an offset it is a local time), `epoch_s`, `epoch_ms`, or a pattern of
 * yyyy yy MM M MMM dd d HH H hh h mm ss SSS a (AM/PM) and literal characters, e.g. `MM/dd/yyyy hh:mm:ss a`.
 */
export const ZDateFormat = z.string().trim().min(2).max(60);

export const ZLocationRule = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  /** Two columns of decimal degrees. */
  z.strictObject({ mode: z.literal('columns'), lat: z.string().min(1).max(200), lon: z.string().min(1).max(200) }),
  /**
   * One column holding a point: WKT `POINT (lon lat)`, Socrata's `(lat, lon)`, `lat, lon`, or a GeoJSON Point
   * (object or JSON text).
   */
  z.strictObject({ mode: z.literal('point'), column: z.string().min(1).max(200) }),
]);
export type LocationRule = z.infer<typeof ZLocationRule>;

export const MAPPING_FORMATS = ['csv', 'ndjson', 'json'] as const;

const base = {
  format: z.enum(MAPPING_FORMATS),
  /** JSON only: dotted path of the records array (`features`, `data.items`); empty = the document is the array. */
  recordsPath: z.string().max(200).default(''),
  /** IANA zone of local times in the file; empty = the source's, else the agency's. */
  timeZone: z.string().max(64).default(''),
};

export const ZEventMapping = z.strictObject({
  ...base,
  target: z.literal('event'),
  kind: ZEventKind,
  externalId: ZFieldRule,
  typeCode: ZFieldRule,
  occurredAt: z.strictObject({ rule: ZFieldRule, format: ZDateFormat }),
  location: ZLocationRule,
  /** A number 1–5 from the file; otherwise the code map's priority for the type code. */
  priority: ZFieldRule.nullable().default(null),
  title: ZFieldRule.nullable().default(null),
  address: ZFieldRule.nullable().default(null),
  /** Columns kept in the event's payload as they came. */
  keep: z.array(z.string().min(1).max(200)).max(100).default([]),
});
export type EventMapping = z.infer<typeof ZEventMapping>;

/** Camera lists (city VMS exports, community registrations): upserted by external id; the stream may come later. */
export const ZCameraMapping = z.strictObject({
  ...base,
  target: z.literal('camera'),
  externalId: ZFieldRule,
  name: ZFieldRule,
  location: ZLocationRule,
  owner: ZFieldRule.nullable().default(null),
  streamUrl: ZFieldRule.nullable().default(null),
  heading: ZFieldRule.nullable().default(null),
});
export type CameraMapping = z.infer<typeof ZCameraMapping>;

export const ZMappingSpec = z.discriminatedUnion('target', [ZEventMapping, ZCameraMapping]);
export type MappingSpec = z.infer<typeof ZMappingSpec>;
export type MappingSpecInput = z.input<typeof ZMappingSpec>;

/** Owner words in camera lists → the console's owner kinds. */
export const CAMERA_OWNER_WORDS: Record<string, (typeof CAMERA_OWNERS)[number]> = {
  city: 'city',
  municipal: 'city',
  police: 'city',
  partner: 'partner',
  private: 'private',
  resident: 'community',
  residential: 'community',
  community: 'community',
  business: 'business',
  commercial: 'business',
  school: 'school',
};

/** One row's outcome in an import report. Unlisted rows of a `problems` report were accepted. */
export interface RowOutcome {
  /** 1-based record number in the file (a CSV's header is row 1, its first record row 2). */
  row: number;
  status: 'accepted' | 'duplicate' | 'refused';
  externalId?: string;
  seq?: string;
  field?: string;
  reason?: string;
  warnings?: string[];
  /** The record as it came, for refused rows (the reject file is made of these). */
  raw?: string;
}

export interface ImportReport {
  rows: number;
  accepted: number;
  duplicates: number;
  refused: number;
  warnings: number;
  /** Type codes no code map entry matched, with their counts: their events carry no mapped priority. */
  unmappedCodes: Record<string, number>;
  outcomes: RowOutcome[];
}
