import type { EventInput } from '@/lib/domain/event';

/**
 * 911 calls for the demo, as NENA i3 EIDO documents (NENA-STA-021) posted to `/api/ingest/eido`:
 * - one call per SF Fire CAD call number (the first unit row of the call), at the CAD's Received time and
 *   block-snapped place, with the CAD call type: derived from the recording, the caller is not in it;
 * - one or two "shots fired" calls a minute or two after each multiple-gunshot detection, within ~150 m:
 *   synthetic, so a shooting in the demo looks as it does on a real floor (sensor first, callers after).
 * Caller numbers are from the fictional 555-01xx range.
 */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** Small deterministic hash of a string (0 … 2^32−1): the same call always gets the same synthetic details. */
export function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** CAD events (one per unit row, sf-fire-cad adapter) → one 911 call per call number. */
export function callsFromCad(cad: EventInput[]): EventInput[] {
  const first = new Map<string, EventInput>();
  for (const e of cad) {
    const call = (e.payload as { callNumber?: string | null }).callNumber;
    if (!call || e.lat === null || e.lon === null) continue;
    const prev = first.get(call);
    if (!prev || e.occurredAt < prev.occurredAt) first.set(call, e);
  }
  return [...first].map(([call, e]) => ({
    externalId: `sf-call-${call}`,
    kind: 'call911',
    typeCode: e.typeCode,
    occurredAt: e.occurredAt,
    lat: e.lat,
    lon: e.lon,
    priority: e.priority,
    title: `911: ${e.typeCode}`,
    address: e.address,
    payload: { callNumber: call, origin: 'derived from SF Fire CAD call' },
  }));
}

/** Synthetic "shots fired" calls after multiple-gunshot detections (see above). */
export function shotsFiredCalls(gunshots: EventInput[]): EventInput[] {
  const out: EventInput[] = [];
  for (const g of gunshots) {
    if (g.typeCode !== 'Multiple_Gunshots' || g.lat === null || g.lon === null) continue;
    const h = hash32(g.externalId);
    const callers = 1 + (h % 2);
    for (let k = 0; k < callers; k++) {
      const hk = hash32(`${g.externalId}:${k}`);
      const delayS = 40 + (hk % 110);
      const angle = ((hk >>> 8) % 360) * (Math.PI / 180);
      const m = 30 + ((hk >>> 16) % 120);
      out.push({
        externalId: `shots-${g.externalId}-${k}`,
        kind: 'call911',
        typeCode: 'Shots Fired',
        occurredAt: new Date(Date.parse(g.occurredAt) + delayS * 1000).toISOString(),
        lat: g.lat + (m * Math.cos(angle)) / 111_320,
        lon: g.lon + (m * Math.sin(angle)) / (111_320 * Math.cos((g.lat * Math.PI) / 180)),
        priority: 1,
        title: '911: Shots fired',
        address: g.address,
        payload: { gunshotId: g.externalId, origin: 'synthetic caller after a gunshot detection' },
      });
    }
  }
  return out;
}

function pidfLo(lat: number, lon: number, radiusM: number, address: string | undefined): string {
  const civic = address
    ? `<ca:civicAddress><ca:country>US</ca:country><ca:A1>CA</ca:A1><ca:A3>San Francisco</ca:A3><ca:RD>${xml(address)}</ca:RD></ca:civicAddress>`
    : '';
  return (
    '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" ' +
    'xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0" ' +
    'xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr" entity="pres:caller@demo.invalid">' +
    '<tuple id="loc"><status><gp:geopriv><gp:location-info>' +
    `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${lat.toFixed(6)} ${lon.toFixed(6)}</gml:pos>` +
    `<gs:radius uom="urn:ogc:def:uom:EPSG::9001">${radiusM}</gs:radius></gs:Circle>${civic}` +
    '</gp:location-info><gp:method>Cell</gp:method></gp:geopriv></status></tuple></presence>'
  );
}

/** One call as an EIDO (the call's `occurredAt` already on the live clock). */
export function toEido(e: EventInput): Record<string, unknown> {
  const h = hash32(e.externalId);
  const id = `urn:emergency:uid:incidentid:${e.externalId}:demo.rtcc.invalid`;
  const callback = `cb-${e.externalId}`;
  const location = `loc-${e.externalId}`;
  return {
    $id: id,
    eidoVersion: '1.0',
    lastUpdateTimeStamp: e.occurredAt,
    issuingElementIdentification: 'demo-psap.rtcc.invalid',
    incidentComponent: {
      incidentTypeCommonRegistryText: e.typeCode,
      incidentTypeInternalText: e.title,
      ...(e.priority ? { incidentCommonPriorityNumber: e.priority } : {}),
    },
    callComponent: [
      {
        $id: `urn:emergency:uid:callid:${e.externalId}:demo.rtcc.invalid`,
        callStartTimestamp: e.occurredAt,
        standardPrimaryCallType: 'emergency',
        callStateRegistryText: 'callAnswered',
        callBackReference: { $ref: callback },
      },
    ],
    callbackComponent: [{ $id: callback, callBackInformationUri: [`tel:+1415555${String(100 + (h % 100)).padStart(4, '0')}`] }],
    locationComponent: [
      { $id: location, locationTypeDescriptionRegistryText: 'Caller', locationByValue: pidfLo(e.lat!, e.lon!, 30 + (h % 70), e.address) },
    ],
    notesComponent: [{ notesActionComments: String((e.payload as { origin?: string }).origin ?? '') }],
  };
}
