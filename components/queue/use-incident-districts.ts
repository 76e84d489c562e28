'use client';

import { useCallback, useMemo } from 'react';
import type { IncidentDto } from '@/lib/domain/incident';
import { cachedDistrictAt, useDistricts } from './districts';

/** Each queued incident's district, and the districts present (most incidents first) for the filter. */
export function useIncidentDistricts(list: readonly IncidentDto[]): { districtOf: (i: IncidentDto) => string | null; districts: string[] } {
  const polygons = useDistricts();
  const districtOf = useCallback(
    (i: IncidentDto): string | null => (i.lat === null || i.lon === null || !polygons.length ? null : cachedDistrictAt(polygons, i.lat, i.lon)),
    [polygons],
  );
  const districts = useMemo(() => {
    const n = new Map<string, number>();
    for (const i of list) {
      const d = districtOf(i);
      if (d) n.set(d, (n.get(d) ?? 0) + 1);
    }
    return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([d]) => d);
  }, [list, districtOf]);
  return { districtOf, districts };
}
