-- The credit each agency and each source gives its data on the map (shown with the base map's own).
ALTER TABLE "agency" ADD COLUMN "attribution" TEXT NOT NULL DEFAULT '';
ALTER TABLE "source" ADD COLUMN "attribution" TEXT NOT NULL DEFAULT '';
ALTER TABLE "agency" ADD CONSTRAINT "agency_attribution_len" CHECK (char_length("attribution") <= 300);
ALTER TABLE "source" ADD CONSTRAINT "source_attribution_len" CHECK (char_length("attribution") <= 300);

-- The demo agency's data (SF Fire CAD, ShotSpotter, neighbourhoods) is DataSF's open data.
UPDATE "agency" SET "attribution" = 'DataSF' WHERE "slug" = 'sf-demo' AND "attribution" = '';

-- An agency's own street map (.pmtiles, Protomaps v4 schema) under DATA_DIR/basemaps/<agency>/, one per agency.
CREATE TABLE "agency_basemap" (
    "agency_id" UUID NOT NULL,
    "file_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "min_zoom" INTEGER NOT NULL,
    "max_zoom" INTEGER NOT NULL,
    "bounds" DOUBLE PRECISION[] NOT NULL,
    "attribution" TEXT NOT NULL,
    "uploaded_by" UUID,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agency_basemap_pkey" PRIMARY KEY ("agency_id"),
    CONSTRAINT "agency_basemap_bounds_len" CHECK (array_length("bounds", 1) = 4),
    CONSTRAINT "agency_basemap_agency_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
