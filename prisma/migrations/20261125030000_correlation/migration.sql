-- Correlation (issue #4): incident links, history, rules, geofences and the correlator's cursor.
-- Existing tables are untouched. incident_event, incident_unit and incident_history get a row per event (or per
-- changed incident) on the correlator's hot path and carry NO foreign keys on purpose: the per-row FK triggers cost about a third of the correlator's write
-- time, the event log is append-only (never deleted) and the single writer inserts the incident in the same
-- transaction. The low-volume tables keep their FKs.

-- CreateTable
CREATE TABLE "incident_event" (
    "incident_id" UUID NOT NULL,
    "event_seq" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_event_pkey" PRIMARY KEY ("incident_id","event_seq")
);

-- CreateTable
CREATE TABLE "incident_unit" (
    "incident_id" UUID NOT NULL,
    "call_sign" TEXT NOT NULL,
    "unit_id" UUID,
    "source" TEXT NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_unit_pkey" PRIMARY KEY ("incident_id","call_sign")
);

-- CreateTable
CREATE TABLE "incident_camera" (
    "incident_id" UUID NOT NULL,
    "camera_id" UUID NOT NULL,
    "rank" INTEGER NOT NULL,
    "distance_m" DOUBLE PRECISION NOT NULL,
    "attached_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_camera_pkey" PRIMARY KEY ("incident_id","camera_id")
);

-- CreateTable
CREATE TABLE "incident_history" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "incident_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "correlator_state" (
    "id" TEXT NOT NULL,
    "last_seq" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "correlator_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rule" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "premise" JSONB NOT NULL,
    "actions" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "geofence" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "polygon" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "geofence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "incident_event_event_seq_idx" ON "incident_event"("event_seq");

-- CreateIndex
CREATE INDEX "incident_history_incident_id_at_idx" ON "incident_history"("incident_id", "at");

-- CreateIndex
CREATE INDEX "rule_agency_id_idx" ON "rule"("agency_id");

-- CreateIndex
CREATE INDEX "geofence_agency_id_idx" ON "geofence"("agency_id");

-- AddForeignKey
ALTER TABLE "incident_camera" ADD CONSTRAINT "incident_camera_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_camera" ADD CONSTRAINT "incident_camera_camera_id_fkey" FOREIGN KEY ("camera_id") REFERENCES "camera"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rule" ADD CONSTRAINT "rule_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "geofence" ADD CONSTRAINT "geofence_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
