import fs from 'node:fs';
import { expect, it } from 'vitest';
import { districtAt, parseDistricts } from '@/lib/districts/district-geometry';
import { DEFAULT_FILTER, filterIncidents } from '@/components/queue/priority';
import type { IncidentDto } from '@/lib/domain/incident';

const districts = parseDistricts(JSON.parse(fs.readFileSync('public/geo/sf-neighborhoods.geojson', 'utf8')));

// The queue's district and agency filters (components/queue/districts.ts, priority.ts).
it('reads the 41 SF analysis neighbourhoods and places points in them', () => {
  expect(districts).toHaveLength(41);
  expect(districtAt(districts, 37.7599, -122.4148)).toBe('Mission'); // Mission St & 20th St
  expect(districtAt(districts, 37.7793, -122.4193)).toBe('Tenderloin'); // City Hall
  expect(districtAt(districts, 37.7694, -122.4862)).toBe('Golden Gate Park');
  expect(districtAt(districts, 37.7955, -122.3937)).toBe('Financial District/South Beach'); // Ferry Building
  expect(districtAt(districts, 37.7, -122.6)).toBeNull(); // the Pacific
});

it('filters the queue by district, keeping the order and leaving unlocated incidents out', () => {
  const inc = (id: string, lat: number | null, lon: number | null) =>
    ({ id, score: 50, openedAt: new Date().toISOString(), typeCode: 'X', lat, lon }) as IncidentDto;
  const list = [inc('a', 37.7599, -122.4148), inc('b', 37.7694, -122.4862), inc('c', null, null), inc('d', 37.761, -122.419)];
  const of = (i: IncidentDto) => (i.lat === null || i.lon === null ? null : districtAt(districts, i.lat, i.lon));
  expect(filterIncidents(list, { ...DEFAULT_FILTER, district: 'Mission' }, Date.now(), of).map((i) => i.id)).toEqual(['a', 'd']);
  expect(filterIncidents(list, DEFAULT_FILTER, Date.now(), of)).toHaveLength(4);
});

it('filters the queue by owning agency (a partner’s shared incidents apart from the own ones)', () => {
  const inc = (id: string, agencyId: string) => ({ id, score: 50, openedAt: new Date().toISOString(), typeCode: 'X', lat: null, lon: null, agencyId }) as IncidentDto;
  const list = [inc('a', 'own'), inc('b', 'partner'), inc('c', 'own')];
  expect(filterIncidents(list, { ...DEFAULT_FILTER, agency: 'own' }, Date.now()).map((i) => i.id)).toEqual(['a', 'c']);
  expect(filterIncidents(list, { ...DEFAULT_FILTER, agency: 'partner' }, Date.now()).map((i) => i.id)).toEqual(['b']);
  expect(filterIncidents(list, DEFAULT_FILTER, Date.now())).toHaveLength(3);
});
