-- A camera registered by a source belongs to that source: only it may update it through /api/ingest/cameras.
ALTER TABLE "camera" ADD COLUMN "source_id" UUID REFERENCES "source"("id") ON DELETE SET NULL;
CREATE INDEX "camera_source_id_idx" ON "camera"("source_id");

-- The audit viewer of an agency admin reads only that agency's rows, newest first.
CREATE INDEX "audit_log_agency_id_id_idx" ON "audit_log"("agency_id", "id");
