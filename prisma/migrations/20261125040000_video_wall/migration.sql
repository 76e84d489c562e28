-- Issue 5: one video-wall state per agency (layout, follow/manual, the cameras or incident shown).
CREATE TABLE "wall_state" (
    "agency_id" UUID NOT NULL,
    "layout" INTEGER NOT NULL DEFAULT 2,
    "mode" TEXT NOT NULL DEFAULT 'follow',
    "incident_id" UUID,
    "camera_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID,

    CONSTRAINT "wall_state_pkey" PRIMARY KEY ("agency_id"),
    CONSTRAINT "wall_state_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "wall_state_layout_check" CHECK ("layout" BETWEEN 1 AND 4),
    CONSTRAINT "wall_state_mode_check" CHECK ("mode" IN ('manual', 'follow'))
);
