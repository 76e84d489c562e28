-- The supervisor dashboard's rollup (lib/dashboard/rollup.ts): calls for service folded per source, hour of
-- occurred_at (UTC), kind and call, and each CAD unit's newest record per source, from the events up to
-- dashboard_rollup.seq. Kept by a batch job that reads new events by seq after they commit (never by the ingest
-- transaction, never by a trigger). A dashboard query reads these rows for whole hours and the events themselves
-- for the partial hours at a period's ends and for the seqs past the cursor, in one snapshot: the figures are the
-- ones computed from the events alone. Starts empty: a running server folds the stored events in the background.
CREATE TABLE "dashboard_call_hour" (
    "source_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ NOT NULL,
    "kind" TEXT NOT NULL,
    "call_key" TEXT NOT NULL,
    "first_seq" BIGINT NOT NULL,
    "first_at" TIMESTAMPTZ(3) NOT NULL,
    "priority" SMALLINT,
    "lat_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "lat_n" INTEGER NOT NULL DEFAULT 0,
    "lon_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "lon_n" INTEGER NOT NULL DEFAULT 0,
    "title" TEXT,
    "address" TEXT,
    "received_at" TIMESTAMPTZ,
    "dispatched_at" TIMESTAMPTZ,
    "on_scene_at" TIMESTAMPTZ,

    CONSTRAINT "dashboard_call_hour_pkey" PRIMARY KEY ("source_id", "hour", "kind", "call_key")
);
ALTER TABLE "dashboard_call_hour" ADD CONSTRAINT "dashboard_call_hour_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "dashboard_unit_latest" (
    "source_id" UUID NOT NULL,
    "unit" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "seq" BIGINT NOT NULL,
    "sf" BOOLEAN NOT NULL,
    "status" TEXT,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,

    CONSTRAINT "dashboard_unit_latest_pkey" PRIMARY KEY ("source_id", "unit")
);
ALTER TABLE "dashboard_unit_latest" ADD CONSTRAINT "dashboard_unit_latest_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "dashboard_rollup" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,

    CONSTRAINT "dashboard_rollup_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "dashboard_rollup_one_row" CHECK ("id" = 1)
);
INSERT INTO "dashboard_rollup" ("id", "seq") VALUES (1, 0);
