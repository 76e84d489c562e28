-- Issue 5: named video-wall presets per agency (layout + camera per tile), loadable by people and by rules.
CREATE TABLE "wall_preset" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "layout" INTEGER NOT NULL,
    "camera_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID,

    CONSTRAINT "wall_preset_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "wall_preset_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "wall_preset_layout_check" CHECK ("layout" BETWEEN 1 AND 4)
);

CREATE UNIQUE INDEX "wall_preset_agency_id_name_key" ON "wall_preset"("agency_id", "name");
