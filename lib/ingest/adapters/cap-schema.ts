import { z } from 'zod';
import { parseCapCircle, parseCapPolygon } from './cap-geometry';

/**
 * OASIS CAP 1.2 (docs.oasis-open.org/emergency/cap/v1.2) as zod, over the element tree cap-xml.ts builds:
 * every element a string, repeatable elements arrays. Element order is not checked (the XSD's sequence);
 * everything else the XSD and the spec's prose require is.
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
/**
 * Optional free text: an empty element (`<restriction/>`, as Environment Canada sends) counts as absent.
 * Elements with a defined format (`references`, dates, numbers) are not forgiven: empty is invalid there.
 */
const optText = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(max).optional());
/** identifier and sender: "MUST NOT include spaces, commas or restricted characters (< and &)". */
const token = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(180)
  .regex(/^[^\s,<&]+$/, 'must not contain spaces, commas, < or &');
/** CAP dateTime: "2002-05-24T16:49:00-07:00", always with an offset ("-00:00" for UTC), no "Z". */
const capDateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/, 'must be a CAP dateTime like 2002-05-24T16:49:00-07:00')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date');

const ZValuePair = z.strictObject({ valueName: text(200), value: z.string().trim().max(2000) });

const ZPolygon = z.string().superRefine((s, ctx) => {
  const r = parseCapPolygon(s);
  if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: r });
});
const ZCircle = z.string().superRefine((s, ctx) => {
  const r = parseCapCircle(s);
  if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: r });
});
const decimal = z.string().trim().regex(/^[-+]?\d+(\.\d+)?$/, 'must be a number');

export const ZCapArea = z
  .strictObject({
    areaDesc: text(2000),
    polygon: z.array(ZPolygon).max(100).optional(),
    circle: z.array(ZCircle).max(100).optional(),
    geocode: z.array(ZValuePair).max(500).optional(),
    altitude: decimal.optional(),
    ceiling: decimal.optional(),
  })
  .refine((a) => a.ceiling === undefined || a.altitude !== undefined, {
    message: 'ceiling needs altitude',
    path: ['ceiling'],
  });

export const ZCapResource = z.strictObject({
  resourceDesc: text(1000),
  mimeType: text(200),
  size: z.string().trim().regex(/^\d+$/, 'must be an integer').optional(),
  uri: optText(2000),
  derefUri: z.string().max(1_000_000).optional(),
  digest: optText(200),
});

export const CAP_SEVERITY = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_URGENCY = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;

export const ZCapInfo = z.strictObject({
  language: optText(35),
  category: z
    .array(z.enum(['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other']))
    .min(1),
  event: text(300),
  responseType: z
    .array(z.enum(['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None']))
    .optional(),
  urgency: z.enum(CAP_URGENCY),
  severity: z.enum(CAP_SEVERITY),
  certainty: z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown']),
  audience: optText(1000),
  eventCode: z.array(ZValuePair).max(100).optional(),
  effective: capDateTime.optional(),
  onset: capDateTime.optional(),
  expires: capDateTime.optional(),
  senderName: optText(500),
  headline: optText(500),
  description: z.string().trim().max(20_000).optional(),
  instruction: z.string().trim().max(20_000).optional(),
  web: optText(2000),
  contact: optText(1000),
  parameter: z.array(ZValuePair).max(500).optional(),
  resource: z.array(ZCapResource).max(50).optional(),
  area: z.array(ZCapArea).max(500).optional(),
});

export const ZCapAlert = z
  .strictObject({
    identifier: token,
    sender: token,
    sent: capDateTime,
    status: z.enum(['Actual', 'Exercise', 'System', 'Test', 'Draft']),
    msgType: z.enum(['Alert', 'Update', 'Cancel', 'Ack', 'Error']),
    source: optText(500),
    scope: z.enum(['Public', 'Restricted', 'Private']),
    restriction: optText(1000),
    addresses: optText(5000),
    code: z.array(text(200)).max(50).optional(),
    note: optText(5000),
    // "sender,identifier,sent" triples separated by whitespace.
    references: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(20_000)
      .regex(/^[^\s,]+,[^\s,]+,[^\s,]+(\s+[^\s,]+,[^\s,]+,[^\s,]+)*$/, 'must be "sender,identifier,sent" entries')
      .optional(),
    incidents: optText(5000),
    // The console places alerts on the map: at least one info block, and an area in one of them.
    info: z.array(ZCapInfo).min(1, 'at least one info block is required').max(50),
  })
  .refine((a) => a.scope !== 'Restricted' || a.restriction !== undefined, {
    message: 'is required when scope is Restricted',
    path: ['restriction'],
  })
  .refine((a) => a.scope !== 'Private' || a.addresses !== undefined, {
    message: 'is required when scope is Private',
    path: ['addresses'],
  })
  .refine((a) => a.info.some((i) => (i.area?.length ?? 0) > 0), {
    message: 'at least one info must have an area',
    path: ['info', 0, 'area'],
  });
export type CapAlert = z.infer<typeof ZCapAlert>;

/** Element names that may repeat, so the XML reader always makes them arrays. */
export const CAP_REPEATED = new Set(['code', 'info', 'category', 'responseType', 'eventCode', 'parameter', 'resource', 'area', 'polygon', 'circle', 'geocode']);
