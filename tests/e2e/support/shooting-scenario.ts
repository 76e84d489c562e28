import crypto from 'node:crypto';
import mqtt from 'mqtt';
import type pg from 'pg';
import { newApiKey } from '@/lib/ingest/api-keys';

/**
 * One shooting as the field reports it, in each source's own format and through its own door: acoustic gunshot
 * detections (/api/ingest/gunshot), 911 calls as NENA EIDO (/api/ingest/eido), a CAD incident (/api/ingest/cad),
 * a panic button over MQTT (rtcc/sensors/<source>/<sensor>), and the cameras of a camera source (/api/ingest/cameras).
 */

export interface E2eSource {
  name: string;
  key: string;
}

/** A source of the demo agency; its name (the MQTT user) and key (the bearer token, the MQTT password). */
export async function makeSource(pool: pg.Pool, kind: string, tag: string): Promise<E2eSource> {
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM agency WHERE slug = 'sf-demo'`);
  const key = newApiKey();
  const name = `e2e-${kind}-${tag}-${key.hint}`;
  await pool.query(`INSERT INTO source (id, agency_id, kind, name, api_key_hash, api_key_hint) VALUES ($1, $2, $3, $4, $5, $6)`,
    [crypto.randomUUID(), rows[0]!.id, kind, name, key.hash, key.hint]);
  return { name, key: key.key };
}

export async function postDoor(baseUrl: string, door: string, key: string, body: unknown): Promise<void> {
  const res = await fetch(`${baseUrl}/api/ingest/${door}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 202 && res.status !== 200) throw new Error(`${door}: ${res.status} ${await res.text()}`);
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** `m` metres north (negative: south) of `p`. */
export const north = (p: LatLon, m: number): LatLon => ({ lat: p.lat + m / 110_574, lon: p.lon });

export const gunshots = (id: string, at: Date, p: LatLon, rounds: number) => ({
  detections: [{ incidentId: id, occurredAt: at.toISOString(), lat: p.lat, lon: p.lon, rounds, type: 'Multiple_Gunshots', address: '2400 Mission St', provider: 'e2e acoustic' }],
});

/** One 911 call as a NENA-STA-024 EIDO with a PIDF-LO circle where the caller's phone is. */
export function eidoCall(id: string, at: Date, p: LatLon, type: string, text: string, priority: number): Record<string, unknown> {
  const pidf =
    '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" xmlns:gml="http://www.opengis.net/gml" ' +
    'xmlns:gs="http://www.opengis.net/pidflo/1.0" entity="pres:caller@e2e.invalid"><tuple id="loc"><status><gp:geopriv><gp:location-info>' +
    `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${p.lat.toFixed(6)} ${p.lon.toFixed(6)}</gml:pos>` +
    '<gs:radius uom="urn:ogc:def:uom:EPSG::9001">30</gs:radius></gs:Circle></gp:location-info><gp:method>Cell</gp:method></gp:geopriv></status></tuple></presence>';
  return {
    $id: `urn:emergency:uid:incidentid:${id}:psap.e2e.invalid`,
    eidoVersion: '1.0',
    lastUpdateTimeStamp: at.toISOString(),
    incidentComponent: { incidentTypeCommonRegistryText: type, incidentTypeInternalText: text, incidentCommonPriorityNumber: priority },
    callComponent: [{ $id: `urn:emergency:uid:callid:${id}:psap.e2e.invalid`, callStartTimestamp: at.toISOString(), standardPrimaryCallType: 'emergency', callBackReference: { $ref: `cb-${id}` } }],
    callbackComponent: [{ $id: `cb-${id}`, callBackInformationUri: ['tel:+14155550123'] }],
    locationComponent: [{ $id: `loc-${id}`, locationTypeDescriptionRegistryText: 'Caller', locationByValue: pidf }],
  };
}

export const cadRecord = (number: string, status: 'dispatched' | 'on_scene' | 'cleared', at: Date, p: LatLon) => ({
  incidents: [{
    incidentNumber: number, status, statusAt: at.toISOString(), typeCode: 'SHOOTING', description: 'Shooting, one down', priority: 1,
    location: { lat: p.lat, lon: p.lon, address: '2400 Mission St' }, units: [{ callSign: 'E2E-3A12' }],
  }],
});

/** A panic-button press published over MQTT as the sensor source (its name and key are the MQTT credentials). */
export async function pressPanicButton(brokerUrl: string, src: E2eSource, id: string, at: Date, p: LatLon, sensorId = 'panic-2400-mission'): Promise<void> {
  const client = await mqtt.connectAsync(brokerUrl, { clientId: `e2e-${id}`, clean: true, reconnectPeriod: 0, username: src.name, password: src.key });
  try {
    const msg = { id, sensorId, type: 'panic-button', value: 'pressed', lat: p.lat, lon: p.lon, occurredAt: at.toISOString(), priority: 2 };
    await client.publishAsync(`rtcc/sensors/${src.name}/${sensorId}`, JSON.stringify(msg), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}
