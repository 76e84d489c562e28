import { z } from 'zod';

/** The statuses an AVL feed may report (lib/ingest/adapters/avl-osmand.ts UNIT_STATUS), and the map's colour for each. */
export const UNIT_STATUSES = ['available', 'dispatched', 'en_route', 'on_scene', 'out_of_service'] as const;

export const UNIT_STATUS_COLOR: Record<string, [number, number, number]> = {
  available: [52, 211, 153],
  assigned: [250, 204, 21],
  dispatched: [251, 191, 36],
  en_route: [251, 146, 60],
  on_scene: [248, 113, 113],
  out_of_service: [100, 116, 139],
};
export const UNIT_STATUS_LABEL: Record<string, string> = {
  available: 'Available',
  assigned: 'Assigned',
  dispatched: 'Dispatched',
  en_route: 'En route',
  on_scene: 'On scene',
  out_of_service: 'Out of service',
};

/** A unit's last known position as the console map reads it (GET /api/units). */
export const ZUnitDto = z.object({
  callSign: z.string(),
  unitType: z.string().nullable(),
  status: z.string(),
  lat: z.number(),
  lon: z.number(),
  /** Degrees clockwise from north; null when the tracker never reported one. */
  heading: z.number().nullable(),
  updatedAt: z.string(),
});
export type UnitDto = z.infer<typeof ZUnitDto>;
