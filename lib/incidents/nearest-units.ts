import { distanceM, type LatLon } from '@/lib/correlate/geo';

export interface UnitPosition {
  id: string;
  callSign: string;
  status: string;
  lat: number;
  lon: number;
}

/** Available units by straight-line distance (context for the operator, not a routing engine). */
export function nearestAvailableUnits(units: UnitPosition[], point: LatLon, n = 5): (Omit<UnitPosition, 'lat' | 'lon'> & { distanceM: number })[] {
  return units
    .filter((u) => u.status === 'available')
    .map((u) => ({ id: u.id, callSign: u.callSign, status: u.status, distanceM: Math.round(distanceM(point, u)) }))
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, n);
}
