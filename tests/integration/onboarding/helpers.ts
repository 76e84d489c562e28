import fs from 'node:fs';
import type { MappingSpecInput } from '@/lib/domain/source-mapping';

export const fixture = (name: string) => fs.readFileSync(`tests/fixtures/onboarding/${name}`);

/** The Chicago ShotSpotter export's mapping, as an admin saves it in the editor. */
export const CHICAGO_SHOTS: MappingSpecInput = {
  target: 'event',
  format: 'csv',
  kind: 'gunshot',
  externalId: { from: 'column', value: 'ID' },
  typeCode: { from: 'column', value: 'INCIDENT_TYPE_DESCRIPTION' },
  occurredAt: { rule: { from: 'column', value: 'DATE' }, format: 'MM/dd/yyyy hh:mm:ss a' },
  location: { mode: 'point', column: 'LOCATION' },
  address: { from: 'column', value: 'BLOCK' },
  keep: ['ROUNDS', 'BEAT'],
};

export const DETROIT_CAMERAS: MappingSpecInput = {
  target: 'camera',
  format: 'csv',
  externalId: { from: 'template', value: 'pgl-{ObjectId}' },
  name: { from: 'column', value: 'business_name' },
  location: { mode: 'columns', lat: 'latitude', lon: 'longitude' },
  owner: { from: 'column', value: 'business_type' },
};

/** A signed-in JSON client for one cookie. */
export function client(base: string, cookie: string) {
  return async (path: string, init: { method?: string; body?: unknown; raw?: BodyInit; type?: string } = {}) => {
    const res = await fetch(base + path, {
      method: init.method ?? 'GET',
      headers: { cookie, ...(init.body !== undefined ? { 'content-type': 'application/json' } : init.type ? { 'content-type': init.type } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : init.raw,
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json as Record<string, unknown>, text };
  };
}
