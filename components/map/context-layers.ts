import { PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { priorityOf, type QueuePriority } from '@/components/queue/priority';
import type { CameraDto } from '@/lib/domain/camera';
import type { IncidentDto } from '@/lib/domain/incident';

/**
 * Slow-changing deck.gl layers beside the live events: cameras with their field-of-view cones, and open
 * incidents by priority. Each is rebuilt only when its own data changes (camera list once, incidents per push:
 * hundreds of objects, not the 100k-point event ring).
 */

export const PRIORITY_COLOR: Record<QueuePriority, [number, number, number]> = {
  1: [248, 113, 113],
  2: [251, 191, 36],
  3: [56, 189, 248],
  4: [148, 163, 184],
};
const PRIORITY_RADIUS: Record<QueuePriority, number> = { 1: 11, 2: 9, 3: 7, 4: 6 };

const M_PER_DEG_LAT = 111_320;
const ARC_STEPS = 12;

/** The ground a camera sees: a wedge of `rangeM` over heading ± fov/2, or a circle when the heading is unknown. */
export function fovPolygon(c: Pick<CameraDto, 'lat' | 'lon' | 'heading' | 'fovDeg' | 'rangeM' | 'ptz'>): [number, number][] {
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((c.lat * Math.PI) / 180);
  const full = c.heading === null || c.ptz || c.fovDeg >= 360;
  const from = full ? 0 : c.heading! - c.fovDeg / 2;
  const span = full ? 360 : c.fovDeg;
  const steps = full ? ARC_STEPS * 2 : ARC_STEPS;
  const ring: [number, number][] = full ? [] : [[c.lon, c.lat]];
  for (let i = 0; i <= steps; i++) {
    const bearing = ((from + (span * i) / steps) * Math.PI) / 180;
    ring.push([c.lon + (Math.sin(bearing) * c.rangeM) / mPerDegLon, c.lat + (Math.cos(bearing) * c.rangeM) / M_PER_DEG_LAT]);
  }
  return ring;
}

export function createCameraLayers(cameras: readonly CameraDto[]): Layer[] {
  return [
    new PolygonLayer<CameraDto>({
      id: 'camera-fov',
      data: cameras,
      getPolygon: (c) => fovPolygon(c),
      getFillColor: [148, 163, 184, 40],
      getLineColor: [148, 163, 184, 120],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      pickable: false,
    }),
    new ScatterplotLayer<CameraDto>({
      id: 'cameras',
      data: cameras,
      getPosition: (c) => [c.lon, c.lat],
      getFillColor: (c) => (c.status === 'offline' ? [100, 116, 139, 200] : [226, 232, 240, 230]),
      radiusUnits: 'pixels',
      getRadius: 3,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      getLineColor: [2, 6, 23, 220],
      // Hover and click name the camera (map-picking.ts).
      pickable: true,
    }),
  ];
}

type Located = IncidentDto & { lat: number; lon: number };

/** Pickable: hover names an incident and a click opens it (map-picking.ts). */
export function createIncidentLayer(incidents: readonly IncidentDto[]): Layer {
  const located = incidents.filter((i): i is Located => i.lat !== null && i.lon !== null);
  return new ScatterplotLayer<Located>({
    id: 'incidents',
    // Lowest priority first so P1 rings draw on top.
    data: located.slice().reverse(),
    getPosition: (i) => [i.lon, i.lat],
    getFillColor: (i) => [...PRIORITY_COLOR[priorityOf(i.score)], 70],
    getLineColor: (i) => [...PRIORITY_COLOR[priorityOf(i.score)], 255],
    getRadius: (i) => PRIORITY_RADIUS[priorityOf(i.score)],
    radiusUnits: 'pixels',
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    pickable: true,
  });
}
