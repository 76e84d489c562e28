-- PTZ cameras speak ONVIF: the device service URL and its credentials stay on the server (the password sealed
-- with AES-256-GCM, context = camera id); browsers only ever learn the `ptz` flag.
ALTER TABLE "camera" ADD COLUMN "onvif_url" TEXT;
ALTER TABLE "camera" ADD COLUMN "onvif_username" TEXT;
ALTER TABLE "camera" ADD COLUMN "onvif_password" TEXT;

-- Slew-to-cue: the one time a PTZ camera was turned to a situation when it became P1 (the primary key keeps it to
-- one cue per situation, however many of its reports match the rule afterwards).
CREATE TABLE "ptz_cue" (
  "incident_id" UUID NOT NULL,
  "agency_id" UUID NOT NULL,
  "camera_id" UUID,
  "rule_id" UUID NOT NULL,
  "method" TEXT NOT NULL,
  "preset_token" TEXT,
  "bearing_deg" DOUBLE PRECISION,
  "distance_m" DOUBLE PRECISION,
  "outcome" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "ptz_cue_pkey" PRIMARY KEY ("incident_id"),
  CONSTRAINT "ptz_cue_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE,
  CONSTRAINT "ptz_cue_camera_id_fkey" FOREIGN KEY ("camera_id") REFERENCES "camera"("id") ON DELETE SET NULL
);
CREATE INDEX "ptz_cue_agency_id_created_at_idx" ON "ptz_cue"("agency_id", "created_at");
