import fs from 'node:fs';
import { expect, it } from 'vitest';
import { parseDistricts } from '@/lib/districts/district-geometry';
import { DISTRICT_MARK, snapshotSvg } from '@/lib/maps/snapshot-svg';

it("San Francisco's district outlines (and so their DataSF credit) appear only on a snapshot of San Francisco", () => {
  const sf = parseDistricts(JSON.parse(fs.readFileSync('public/geo/sf-neighborhoods.geojson', 'utf8')) as never);
  const opts = { width: 900, height: 420, minSpanM: 500 };
  expect(snapshotSvg(sf, [{ lat: 37.7749, lon: -122.4194, kind: 'incident' }], opts)).toContain(DISTRICT_MARK);
  expect(snapshotSvg(sf, [{ lat: 41.8781, lon: -87.6298, kind: 'incident' }], opts)).not.toContain(DISTRICT_MARK);
});
