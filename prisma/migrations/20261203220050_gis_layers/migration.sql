-- Named GIS layers an agency imports (beats, districts, schools, hydrants…) from GeoJSON, KML or zipped
-- shapefiles; drawn on the console map, toggled per console.
CREATE TABLE "gis_layer" (
  "id" UUID NOT NULL,
  "agency_id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "source_format" TEXT NOT NULL,
  "file_name" TEXT NOT NULL,
  "feature_count" INTEGER NOT NULL,
  "geometry_types" TEXT[] NOT NULL,
  "bbox" DOUBLE PRECISION[] NOT NULL,
  "features" JSONB NOT NULL,
  "created_by" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "gis_layer_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "gis_layer_agency_id_name_key" ON "gis_layer"("agency_id", "name");
