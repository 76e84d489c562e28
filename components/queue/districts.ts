'use client';

import { useEffect, useState } from 'react';
import { parseDistricts, type District, type Feature } from '@/lib/districts/district-geometry';

export { cachedDistrictAt, districtAt, parseDistricts, type District, type Feature } from '@/lib/districts/district-geometry';

const URL_PATH = '/geo/sf-neighborhoods.geojson';
let loading: Promise<District[]> | null = null;

/** The districts with their full borders (the map draws a lighter copy), loaded once per page. */
export function useDistricts(): readonly District[] {
  const [districts, setDistricts] = useState<readonly District[]>([]);
  useEffect(() => {
    loading ??= fetch(URL_PATH)
      .then((r) => (r.ok ? (r.json() as Promise<{ features?: Feature[] }>) : { features: [] }))
      .then(parseDistricts)
      .catch(() => {
        loading = null; // try again on the next mount
        return [];
      });
    let live = true;
    void loading.then((d) => live && setDistricts(d));
    return () => {
      live = false;
    };
  }, []);
  return districts;
}
