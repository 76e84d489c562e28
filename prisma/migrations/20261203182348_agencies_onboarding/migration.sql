-- Any agency, any city: agencies carry their time zone, home view and jurisdiction; districts and beats; sources
-- carry a time zone and a saved record mapping; imports are jobs with per-row refusals; cameras may be
-- location-only and owned by the community, businesses or schools.

ALTER TABLE "agency"
  ADD COLUMN "time_zone" TEXT NOT NULL DEFAULT 'UTC',
  ADD COLUMN "home_lat" DOUBLE PRECISION,
  ADD COLUMN "home_lon" DOUBLE PRECISION,
  ADD COLUMN "home_zoom" DOUBLE PRECISION,
  ADD COLUMN "jurisdiction" JSONB,
  ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now();

-- The demo city was the only agency so far: it keeps the view the map always opened on.
UPDATE "agency" SET "time_zone" = 'America/Los_Angeles', "home_lat" = 37.76, "home_lon" = -122.44, "home_zoom" = 12
 WHERE "slug" = 'sf-demo';

CREATE TABLE "agency_district" (
  "id" UUID NOT NULL,
  "agency_id" UUID NOT NULL,
  "kind" TEXT NOT NULL,
  "code" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "geometry" JSONB NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "agency_district_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "agency_district_agency_id_kind_code_key" ON "agency_district"("agency_id", "kind", "code");

ALTER TABLE "source" ADD COLUMN "time_zone" TEXT;

CREATE TABLE "source_mapping" (
  "source_id" UUID NOT NULL,
  "spec" JSONB NOT NULL,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_by" UUID,
  CONSTRAINT "source_mapping_pkey" PRIMARY KEY ("source_id")
);

CREATE TABLE "import_job" (
  "id" UUID NOT NULL,
  "source_id" UUID NOT NULL,
  "agency_id" UUID NOT NULL,
  "created_by" UUID,
  "file_name" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'running',
  "total" INTEGER NOT NULL DEFAULT 0,
  "processed" INTEGER NOT NULL DEFAULT 0,
  "accepted" INTEGER NOT NULL DEFAULT 0,
  "duplicates" INTEGER NOT NULL DEFAULT 0,
  "refused" INTEGER NOT NULL DEFAULT 0,
  "warnings" INTEGER NOT NULL DEFAULT 0,
  "header" TEXT,
  "error" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "finished_at" TIMESTAMPTZ(3),
  CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "import_job_agency_id_created_at_idx" ON "import_job"("agency_id", "created_at");

CREATE TABLE "import_reject" (
  "job_id" UUID NOT NULL,
  "row_number" INTEGER NOT NULL,
  "field" TEXT NOT NULL,
  "reason" TEXT NOT NULL,
  "raw" TEXT NOT NULL,
  CONSTRAINT "import_reject_pkey" PRIMARY KEY ("job_id", "row_number")
);

-- Location-only cameras: the stream is added later.
ALTER TABLE "camera" ALTER COLUMN "stream_url" DROP NOT NULL, ALTER COLUMN "stream_kind" DROP NOT NULL;
