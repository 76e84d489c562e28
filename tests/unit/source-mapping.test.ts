import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extentOf } from '@/lib/domain/event-rules';
import { ZMappingSpec, type EventMapping, type MappingSpecInput } from '@/lib/domain/source-mapping';
import { codeLookup, normaliseCode } from '@/lib/ingest/adapters/code-map';
import { compileCameraMapping } from '@/lib/sources/mapping/compile-camera-mapping';
import { compileEventMapping, type MappedEvent } from '@/lib/sources/mapping/compile-mapping';
import { compileDate } from '@/lib/sources/mapping/date-format';
import { parsePoint } from '@/lib/sources/mapping/point';
import { readRecords } from '@/lib/sources/mapping/read-records';
import { CHICAGO_SHOTS } from '../fixtures/onboarding/mappings';

const fixture = (name: string) => fs.readFileSync(`tests/fixtures/onboarding/${name}`, 'utf8');
const CHICAGO = extentOf({ type: 'Polygon', coordinates: [[[-87.94, 41.64], [-87.52, 41.64], [-87.52, 42.03], [-87.94, 42.03], [-87.94, 41.64]]] });
const spec = (s: MappingSpecInput) => ZMappingSpec.parse(s);

function run(name: string, s: MappingSpecInput, timeZone: string, extent = CHICAGO) {
  const m = spec(s) as EventMapping;
  const map = compileEventMapping(m, { timeZone, codes: codeLookup(m.kind, []), extent });
  const { records } = readRecords(fixture(name), m.format, { recordsPath: m.recordsPath });
  return new Map(records.map((r) => [r.row, (r.fields ? map(r.fields) : { ok: false, field: 'record', reason: r.unreadable! }) as MappedEvent]));
}
const ok = (m: MappedEvent | undefined) => {
  if (!m?.ok) throw new Error(`refused: ${JSON.stringify(m)}`);
  return m;
};

describe('mapping a Chicago ShotSpotter export (local times across both DST changes, WKT points)', () => {
  const rows = run(
    'chicago-shotspotter-alerts.csv',
    CHICAGO_SHOTS,
    'America/Chicago',
  );

  it('reads local times with the zone’s rules and says when one was ambiguous or did not exist', () => {
    expect(ok(rows.get(2)).event.occurredAt).toBe('2024-03-10T05:52:10.000Z'); // CST, UTC−6
    expect(ok(rows.get(4)).event.occurredAt).toBe('2024-03-10T08:05:41.000Z'); // CDT, UTC−5
    const gap = ok(rows.get(3));
    expect(gap.event.occurredAt).toBe('2024-03-10T08:30:00.000Z');
    expect(gap.warnings[0]).toMatch(/does not exist in America\/Chicago/);
    const twice = ok(rows.get(6));
    expect(twice.event.occurredAt).toBe('2024-11-03T06:30:00.000Z'); // the first 01:30, still CDT
    expect(twice.warnings[0]).toMatch(/happened twice/);
    expect(rows.get(8)).toMatchObject({ ok: false, field: 'occurredAt' });
  });

  it('maps "Multiple Gunshots" in any spelling to priority 1, and reports unknown types instead of guessing', () => {
    expect(ok(rows.get(2)).event).toMatchObject({ typeCode: 'Multiple_Gunshots', priority: 1, address: '6300 S ASHLAND AVE', lon: -87.6638, lat: 41.7794 });
    expect(ok(rows.get(7)).event).toMatchObject({ typeCode: 'Multiple_Gunshots', priority: 1 });
    expect(ok(rows.get(3)).event).toMatchObject({ typeCode: 'Single_Gunshot', priority: 2 });
    const unknown = ok(rows.get(4));
    expect(unknown.event.priority).toBeNull();
    expect(unknown.unmappedCode).toBe('GUNSHOT OR FIRECRACKER');
    expect(unknown.event.payload).toMatchObject({ mapped: false, sourceCode: 'GUNSHOT OR FIRECRACKER', ROUNDS: '1', BEAT: '1531' });
  });

  it('refuses a gunshot without a place, flags one at (0, 0) or outside the agency and keeps it', () => {
    expect(rows.get(5)).toMatchObject({ ok: false, field: 'lat' });
    expect(ok(rows.get(7)).event.payload.locationFlag).toBe('near_null_island');
    expect(ok(rows.get(10)).event.payload.locationFlag).toBe('outside_agency_extent');
    expect(ok(rows.get(2)).event.payload.locationFlag).toBeUndefined();
  });
});

describe('other portals', () => {
  it('Seattle fire 911 (CSV, lat/lon columns, rows without coordinates kept for a call)', () => {
    const rows = run(
      'seattle-fire-911.csv',
      {
        target: 'event', format: 'csv', kind: 'call911',
        externalId: { from: 'column', value: 'Incident Number' },
        typeCode: { from: 'column', value: 'Type' },
        occurredAt: { rule: { from: 'column', value: 'Datetime' }, format: 'MM/dd/yyyy hh:mm:ss a' },
        location: { mode: 'columns', lat: 'Latitude', lon: 'Longitude' },
        address: { from: 'column', value: 'Address' },
      },
      'America/Los_Angeles',
      null,
    );
    expect(ok(rows.get(2)).event).toMatchObject({ externalId: 'F240141001', occurredAt: '2024-11-03T07:58:00.000Z', lat: 47.60896 });
    expect(ok(rows.get(4)).event).toMatchObject({ lat: null, lon: null, address: '500 4th Ave' });
    // 12:58 AM is before the change, 01:15 happened twice: the first, PDT.
    expect(ok(rows.get(3)).warnings[0]).toMatch(/happened twice/);
  });

  it('New Orleans calls for service (NDJSON, GeoJSON points, ISO without offset, unreadable lines named)', () => {
    const rows = run(
      'nola-calls-for-service.ndjson',
      {
        target: 'event', format: 'ndjson', kind: 'cad',
        externalId: { from: 'column', value: 'nopd_item' },
        typeCode: { from: 'column', value: 'typetext' },
        occurredAt: { rule: { from: 'column', value: 'timecreate' }, format: 'iso' },
        location: { mode: 'point', column: 'location' },
        title: { from: 'template', value: '{typetext} ({priority})' },
        address: { from: 'column', value: 'block_address' },
      },
      'America/Chicago',
      null,
    );
    expect(ok(rows.get(1)).event).toMatchObject({ occurredAt: '2024-03-10T07:55:12.000Z', lat: 29.9571, lon: -90.0779, title: 'COMPLAINT OTHER (1E)' });
    expect(ok(rows.get(3)).event).toMatchObject({ lat: null, lon: null });
    expect(rows.get(4)).toMatchObject({ ok: false, field: 'record' });
    expect(rows.get(5)).toMatchObject({ ok: false, field: 'externalId' });
  });

  it('Detroit Green Light cameras (location only, owner words → kinds)', () => {
    const m = spec({
      target: 'camera', format: 'csv',
      externalId: { from: 'template', value: 'pgl-{ObjectId}' },
      name: { from: 'column', value: 'business_name' },
      location: { mode: 'columns', lat: 'latitude', lon: 'longitude' },
      owner: { from: 'column', value: 'business_type' },
    });
    if (m.target !== 'camera') throw new Error('camera spec');
    const map = compileCameraMapping(m);
    const out = readRecords(fixture('detroit-green-light-cameras.csv'), 'csv').records.map((r) => map(r.fields!));
    expect(out[0]).toMatchObject({ ok: true, camera: { externalId: 'pgl-101', owner: 'business', streamUrl: null, streamKind: null } });
    expect(out[1]).toMatchObject({ ok: true, camera: { owner: 'community' } });
    expect(out[2]).toMatchObject({ ok: true, camera: { owner: 'school' } });
    expect(out[3]).toMatchObject({ ok: false, field: 'owner' });
    expect(out[4]).toMatchObject({ ok: false, field: 'lat' });
  });
});

describe('building blocks', () => {
  it('points in the forms portals write them', () => {
    expect(parsePoint('POINT (-87.6 41.8)')).toEqual({ lat: 41.8, lon: -87.6 });
    expect(parsePoint('SRID=4326;POINT(-87.6 41.8)')).toEqual({ lat: 41.8, lon: -87.6 });
    expect(parsePoint('(41.8, -87.6)')).toEqual({ lat: 41.8, lon: -87.6 });
    expect(parsePoint({ type: 'Point', coordinates: [-87.6, 41.8] })).toEqual({ lat: 41.8, lon: -87.6 });
    expect(parsePoint({ latitude: '41.8', longitude: '-87.6' })).toEqual({ lat: 41.8, lon: -87.6 });
    expect(parsePoint('')).toBeNull();
    expect(parsePoint('POINT (1165000 1900000)')).toMatch(/projected/);
  });
  it('dates: patterns, epochs, offsets', () => {
    const utc = (f: string, t: string) => compileDate(f, 'America/New_York')(t);
    expect(utc('yyyy-MM-dd HH:mm', '2024-07-01 12:00')).toEqual({ ok: true, iso: '2024-07-01T16:00:00.000Z' });
    expect(utc('d-MMM-yy H:mm:ss', '1-Jan-13 0:01:47')).toEqual({ ok: true, iso: '2013-01-01T05:01:47.000Z' });
    expect(utc('epoch_s', '1700000000')).toEqual({ ok: true, iso: '2023-11-14T22:13:20.000Z' });
    expect(utc('iso', '2024-07-01T12:00:00+02:00')).toEqual({ ok: true, iso: '2024-07-01T10:00:00.000Z' });
    expect(utc('MM/dd/yyyy', '02/30/2024')).toMatchObject({ ok: false });
  });
  it('code spellings compare alike', () => {
    expect(normaliseCode('Multiple Gunshots')).toBe(normaliseCode('MULTIPLE_GUNSHOTS'));
    expect(codeLookup('cad', [{ code: 'MED-1', category: 'medical', description: 'Medical', priority: 2 }])('med 1')?.priority).toBe(2);
  });
});
