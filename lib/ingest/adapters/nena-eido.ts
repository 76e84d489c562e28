import { z } from 'zod';
import type { EventInput } from '@/lib/domain/event';
import { badField, badPayload, clip, toUtcIso } from './adapter-error';
import { parsePidfLo, PidfError, type PidfLocation } from './pidf-lo';

/**
 * NENA i3 EIDO (NENA-STA-021, JSON) → one `call911` event per EIDO update. Accepts a bare EIDO, an array of
 * them, or a NENA-STA-024 notify message (`{event: {notification: [EIDO…]}}`).
 *
 * The EIDO `$id` is the incident tracking identifier; an EIDO is re-sent whole at every update, so the
 * externalId is `<$id>@<lastUpdateTimeStamp>`: each update is one event, a retried update is a no-op.
 * Only the fields read are checked; the rest of the (large, extensible) schema passes through untouched.
 */

const ZTime = z.iso.datetime({ offset: true });
const ZRef = z.looseObject({ $ref: z.string().max(500) });

const ZEido = z
  .looseObject({
    $id: z.string().trim().min(1).max(160),
    // The published sample says lastUpdateTimeStamp; PhrSite's EidoLib writes lastUpdateTimestamp. Both exist.
    lastUpdateTimeStamp: ZTime.optional(),
    lastUpdateTimestamp: ZTime.optional(),
    issuingElementIdentification: z.string().max(300).optional(),
    incidentComponent: z
      .looseObject({
        incidentTypeCommonRegistryText: z.string().trim().min(1).max(100),
        incidentTypeInternalCode: z.string().max(100).optional(),
        incidentTypeInternalText: z.string().max(300).optional(),
        incidentCommonPriorityNumber: z.number().int().optional(),
        internalIncidentId: z.string().max(200).optional(),
      })
      .optional(),
    callComponent: z
      .array(
        z.looseObject({
          $id: z.string().max(300).optional(),
          callStartTimestamp: ZTime.optional(),
          standardPrimaryCallType: z.string().max(100).optional(),
          callStateRegistryText: z.string().max(100).optional(),
          callBackReference: ZRef.optional(),
        }),
      )
      .max(100)
      .optional(),
    callbackComponent: z
      .array(z.looseObject({ $id: z.string().max(300), callBackInformationUri: z.array(z.string().max(500)).max(20).optional() }))
      .max(100)
      .optional(),
    locationComponent: z
      .array(
        z.looseObject({
          $id: z.string().max(300),
          locationTypeDescriptionRegistryText: z.string().max(100),
          locationByValue: z.string().max(200_000).optional(),
          locationByReferenceUrl: z.string().max(2000).optional(),
        }),
      )
      .max(100)
      .optional(),
    notesComponent: z.array(z.looseObject({ notesActionComments: z.string().max(20_000) })).max(200).optional(),
  })
  .refine((e) => e.lastUpdateTimeStamp ?? e.lastUpdateTimestamp, {
    message: 'lastUpdateTimeStamp is required',
    path: ['lastUpdateTimeStamp'],
  });
type Eido = z.infer<typeof ZEido>;

const ZNotify = z.looseObject({ event: z.looseObject({ notification: z.array(z.unknown()).max(100) }) });

/** Where the map should put a call: the incident's own location first, the caller's next, routing last. */
const LOCATION_RANK: Record<string, number> = { Incident: 0, Caller: 1, RoutingLocation: 2 };

/** `tel:+1-201-555-0123` / `sip:8195551212@osp.com` → `+12015550123` / `8195551212`; null for a non-number. */
export function callerNumberFromUri(uri: string): string | null {
  const m = /^(?:tel:([^;]+)|sips?:([^@;]+)@)/i.exec(uri.trim());
  const raw = m?.[1] ?? m?.[2];
  if (!raw) return null;
  const n = raw.replace(/[\s\-().]/g, '');
  return /^\+?\d{3,20}$/.test(n) ? n : null;
}

/** EIDO notes are HTML5: keep the words for the operator, drop the markup. */
function plainNote(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 2000);
}

function callerNumber(e: Eido): string | null {
  const callbacks = e.callbackComponent ?? [];
  const wanted = new Set((e.callComponent ?? []).map((c) => c.callBackReference?.$ref).filter(Boolean));
  const ordered = [...callbacks.filter((c) => wanted.has(c.$id)), ...callbacks.filter((c) => !wanted.has(c.$id))];
  const uris = ordered.flatMap((c) => c.callBackInformationUri ?? []);
  // tel: first: the sip: form may carry a provider's routing user rather than the caller's number.
  const sorted = [...uris.filter((u) => /^tel:/i.test(u)), ...uris.filter((u) => !/^tel:/i.test(u))];
  for (const u of sorted) {
    const n = callerNumberFromUri(u);
    if (n) return n;
  }
  return null;
}

interface ReadLocation extends PidfLocation {
  type: string;
  referenceUrl: string | null;
}

function locations(e: Eido, prefix: string): ReadLocation[] {
  return (e.locationComponent ?? []).map((l, i) => {
    let loc: PidfLocation = { lat: null, lon: null, uncertaintyM: null, method: null, address: null };
    if (l.locationByValue) {
      try {
        loc = parsePidfLo(l.locationByValue);
      } catch (err) {
        if (err instanceof PidfError) throw badField(`${prefix}locationComponent[${i}].locationByValue`, err.message);
        throw err;
      }
    }
    return { ...loc, type: l.locationTypeDescriptionRegistryText, referenceUrl: l.locationByReferenceUrl ?? null };
  });
}

function eidoToEvent(e: Eido, prefix: string): EventInput {
  const updatedAt = toUtcIso((e.lastUpdateTimeStamp ?? e.lastUpdateTimestamp)!);
  const call = e.callComponent?.[0];
  const locs = locations(e, prefix);
  const rank = (l: ReadLocation) => LOCATION_RANK[l.type] ?? 3;
  const byRank = [...locs].sort((a, b) => rank(a) - rank(b));
  const placed = byRank.find((l) => l.lat !== null && l.lon !== null);
  const addressed = byRank.find((l) => l.address);
  const incident = e.incidentComponent;
  const typeCode = incident?.incidentTypeCommonRegistryText ?? call?.standardPrimaryCallType ?? 'emergency';
  const priority = incident?.incidentCommonPriorityNumber;
  return {
    externalId: `${e.$id}@${updatedAt}`,
    kind: 'call911',
    typeCode: typeCode.slice(0, 100),
    occurredAt: call?.callStartTimestamp ? toUtcIso(call.callStartTimestamp) : updatedAt,
    lat: placed?.lat ?? null,
    lon: placed?.lon ?? null,
    priority: priority !== undefined && priority >= 1 && priority <= 5 ? priority : null,
    title: clip(incident?.incidentTypeInternalText, 300) ?? `911 call (${typeCode})`.slice(0, 300),
    address: clip(addressed?.address, 300),
    payload: {
      incidentTrackingId: e.$id,
      eidoUpdatedAt: updatedAt,
      issuingElement: e.issuingElementIdentification ?? null,
      internalIncidentId: incident?.internalIncidentId ?? null,
      incidentTypeInternalCode: incident?.incidentTypeInternalCode ?? null,
      callerNumber: callerNumber(e),
      callIds: (e.callComponent ?? []).map((c) => c.$id).filter(Boolean),
      callState: call?.callStateRegistryText ?? null,
      uncertaintyM: placed?.uncertaintyM ?? null,
      locationMethod: placed?.method ?? null,
      locations: locs.map((l) => ({
        type: l.type,
        lat: l.lat,
        lon: l.lon,
        uncertaintyM: l.uncertaintyM,
        address: l.address,
        referenceUrl: l.referenceUrl,
      })),
      notes: (e.notesComponent ?? []).map((n) => plainNote(n.notesActionComments)).filter(Boolean),
    },
  };
}

/** Parse a request body (already JSON) into call911 events; throws 400 naming the first bad field. */
export function adaptEido(body: unknown): EventInput[] {
  let docs: unknown[];
  let prefix: (i: number) => string;
  const notify = ZNotify.safeParse(body);
  if (notify.success) {
    docs = notify.data.event.notification;
    prefix = (i) => `event.notification[${i}]`;
  } else if (Array.isArray(body)) {
    if (body.length > 100) throw badField('body', 'at most 100 EIDOs per request');
    docs = body;
    prefix = (i) => `[${i}]`;
  } else {
    docs = [body];
    prefix = () => '';
  }
  return docs.map((doc, i) => {
    const parsed = ZEido.safeParse(doc);
    if (!parsed.success) throw badPayload(parsed.error, 'EIDO', prefix(i));
    const p = prefix(i);
    return eidoToEvent(parsed.data, p ? `${p}.` : '');
  });
}
