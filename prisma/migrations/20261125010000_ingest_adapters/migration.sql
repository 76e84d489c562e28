-- Ingest adapters (issue #3, HTTP half): per-source HMAC secret, category-code map, jurisdiction polygon,
-- and LPR hotlists. Existing tables are untouched; new tables point at them with FKs.

-- CreateTable
CREATE TABLE "source_secret" (
    "source_id" UUID NOT NULL,
    "hmac_secret" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_secret_pkey" PRIMARY KEY ("source_id")
);

-- CreateTable
CREATE TABLE "source_code_map" (
    "source_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "priority" SMALLINT,

    CONSTRAINT "source_code_map_pkey" PRIMARY KEY ("source_id","code")
);

-- CreateTable
CREATE TABLE "source_jurisdiction" (
    "source_id" UUID NOT NULL,
    "geometry" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_jurisdiction_pkey" PRIMARY KEY ("source_id")
);

-- CreateTable
CREATE TABLE "hotlist_entry" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "plate" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL,
    "priority" SMALLINT NOT NULL DEFAULT 2,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hotlist_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "hotlist_entry_agency_id_plate_state_key" ON "hotlist_entry"("agency_id", "plate", "state");

-- AddForeignKey
ALTER TABLE "source_secret" ADD CONSTRAINT "source_secret_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_code_map" ADD CONSTRAINT "source_code_map_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_jurisdiction" ADD CONSTRAINT "source_jurisdiction_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hotlist_entry" ADD CONSTRAINT "hotlist_entry_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;
