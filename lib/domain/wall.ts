import { z } from 'zod';

/** Tiles per side: 1×1, 2×2, 3×3, 4×4. */
export const WALL_LAYOUTS = [1, 2, 3, 4] as const;
export const ZWallLayout = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type WallLayout = z.infer<typeof ZWallLayout>;

/** manual: the cameras someone pushed; follow: the cameras of the agency's top open incident, as it changes. */
export const ZWallMode = z.enum(['manual', 'follow']);
export type WallMode = z.infer<typeof ZWallMode>;

export const MAX_WALL_TILES = 16;

/** One agency's wall, stored (it survives a wall browser restart) and pushed as the `wall` socket message. */
export const ZWallStateDto = z.object({
  layout: ZWallLayout,
  mode: ZWallMode,
  /** The incident whose cameras are shown (pushed or followed); null for a hand-picked camera set. */
  incidentId: z.string().nullable(),
  cameraIds: z.array(z.string()).max(MAX_WALL_TILES),
  /** Bumped per change so a late message never overwrites a newer one. */
  version: z.number().int(),
  updatedAt: z.string(),
});
export type WallStateDto = z.infer<typeof ZWallStateDto>;

/** POST /api/wall: what a console pushes. Omitted fields keep their value. */
export const ZWallCommand = z
  .strictObject({
    layout: ZWallLayout.optional(),
    mode: ZWallMode.optional(),
    incidentId: z.uuid().nullable().optional(),
    cameraIds: z.array(z.uuid()).max(MAX_WALL_TILES).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'Send at least one of layout, mode, incidentId, cameraIds');
export type WallCommand = z.infer<typeof ZWallCommand>;

export const DEFAULT_WALL: WallStateDto = {
  layout: 2,
  mode: 'follow',
  incidentId: null,
  cameraIds: [],
  version: 0,
  updatedAt: new Date(0).toISOString(),
};

/** A named wall picture: layout + the camera of each tile, in tile order. */
export const ZWallPresetDto = z.object({
  id: z.string(),
  name: z.string(),
  layout: ZWallLayout,
  cameraIds: z.array(z.string()).max(MAX_WALL_TILES),
  updatedAt: z.string(),
});
export type WallPresetDto = z.infer<typeof ZWallPresetDto>;

/** POST /api/wall/presets: save (or overwrite, same name) a preset; without cameraIds, the wall's current cameras. */
export const ZWallPresetInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  layout: ZWallLayout.optional(),
  cameraIds: z.array(z.uuid()).max(MAX_WALL_TILES).optional(),
});
export type WallPresetInput = z.infer<typeof ZWallPresetInput>;
