-- Issue 6: history search indexes, cases, evidence items, hash-chained chain of custody, share links,
-- community cameras and footage requests.

-- ---------------------------------------------------------------------------------------------------------------
-- Search
-- Measured with tests/bench/search.ts (1,000,000 events, 30 days, one city): a drawn box + 24 h window reads the
-- time range and filters lon/lat inside this index, before touching the heap.
CREATE INDEX "event_occurred_at_lon_lat_idx" ON "event" ("occurred_at", "lon", "lat");

-- Text search (address, plate, phone) by trigram where the extension exists: it ships with PostgreSQL's contrib
-- and with embedded-postgres, and is a trusted extension (a database owner may create it). Without it search
-- still works: the text filter then runs inside the (mandatory, ≤ 31 days) time window.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN others THEN
  RAISE NOTICE 'pg_trgm unavailable (%): text search falls back to filtering the time window', SQLERRM;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX "event_address_trgm_idx" ON "event" USING gin ("address" gin_trgm_ops);
    CREATE INDEX "event_plate_trgm_idx" ON "event" USING gin ((upper("payload"->>'plate')) gin_trgm_ops)
      WHERE "payload" ? 'plate';
    CREATE INDEX "event_caller_number_trgm_idx" ON "event"
      USING gin ((regexp_replace("payload"->>'callerNumber', '\D', '', 'g')) gin_trgm_ops)
      WHERE "payload" ? 'callerNumber';
  END IF;
END $$;

-- ---------------------------------------------------------------------------------------------------------------
-- Cases and evidence
CREATE SEQUENCE "evidence_case_number_seq";

CREATE TABLE "evidence_case" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "source_ref" TEXT,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_case_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "evidence_case_status_check" CHECK ("status" IN ('open', 'closed'))
);
CREATE UNIQUE INDEX "evidence_case_agency_id_number_key" ON "evidence_case"("agency_id", "number");
ALTER TABLE "evidence_case" ADD CONSTRAINT "evidence_case_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "evidence_case" ADD CONSTRAINT "evidence_case_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "evidence_item" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "source_ref" TEXT,
    "added_by" UUID,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_item_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "evidence_item_kind_check" CHECK ("kind" IN ('event', 'clip', 'upload', 'note')),
    CONSTRAINT "evidence_item_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$')
);
CREATE INDEX "evidence_item_case_id_idx" ON "evidence_item"("case_id");
CREATE UNIQUE INDEX "evidence_item_storage_key_key" ON "evidence_item"("storage_key");
ALTER TABLE "evidence_item" ADD CONSTRAINT "evidence_item_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "evidence_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "evidence_item" ADD CONSTRAINT "evidence_item_added_by_fkey" FOREIGN KEY ("added_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Chain of custody: every row carries the hash of the previous row of its case (prev_hash) and its own hash over
-- (prev_hash, case, item, actor, action, at, ip, details); the service computes it (lib/evidence/custody-hash.ts),
-- verification recomputes it. Editing or removing a row breaks the chain from there on.
CREATE TABLE "custody_log" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "item_id" UUID,
    "actor" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ip" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "custody_log_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "custody_log_action_check" CHECK ("action" IN ('created', 'added', 'viewed', 'downloaded', 'exported',
      'shared', 'share_revoked', 'share_accessed', 'verified', 'integrity_failed',
      'footage_requested', 'footage_approved', 'footage_declined', 'footage_uploaded'))
);
CREATE INDEX "custody_log_case_id_id_idx" ON "custody_log"("case_id", "id");
ALTER TABLE "custody_log" ADD CONSTRAINT "custody_log_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "evidence_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "custody_log" ADD CONSTRAINT "custody_log_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "evidence_item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only, enforced by the database rather than trusted to the code: no UPDATE, DELETE or TRUNCATE, and a new
-- row must extend its case's chain (no fork, no rewritten head).
CREATE FUNCTION "evidence_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE FUNCTION "custody_log_extends_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head TEXT;
BEGIN
  SELECT "hash" INTO head FROM "custody_log" WHERE "case_id" = NEW."case_id" ORDER BY "id" DESC LIMIT 1;
  IF NEW."prev_hash" IS DISTINCT FROM coalesce(head, repeat('0', 64)) THEN
    RAISE EXCEPTION 'custody_log row does not extend the chain of case %', NEW."case_id" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "custody_log_append_only" BEFORE UPDATE OR DELETE ON "custody_log"
  FOR EACH ROW EXECUTE FUNCTION "evidence_append_only"();
CREATE TRIGGER "custody_log_no_truncate" BEFORE TRUNCATE ON "custody_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_append_only"();
CREATE TRIGGER "custody_log_chain" BEFORE INSERT ON "custody_log"
  FOR EACH ROW EXECUTE FUNCTION "custody_log_extends_chain"();
CREATE TRIGGER "evidence_item_append_only" BEFORE UPDATE OR DELETE ON "evidence_item"
  FOR EACH ROW EXECUTE FUNCTION "evidence_append_only"();
CREATE TRIGGER "evidence_item_no_truncate" BEFORE TRUNCATE ON "evidence_item"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_append_only"();

-- ---------------------------------------------------------------------------------------------------------------
-- Share links for attorneys (no account). Only the sha256 of the token is stored; the link is shown once.
CREATE TABLE "share_link" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "recipient_name" TEXT NOT NULL,
    "recipient_email" TEXT,
    "passcode_hash" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "share_link_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "share_link_token_hash_key" ON "share_link"("token_hash");
CREATE INDEX "share_link_case_id_idx" ON "share_link"("case_id");
ALTER TABLE "share_link" ADD CONSTRAINT "share_link_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "evidence_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "share_link" ADD CONSTRAINT "share_link_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------------
-- Community cameras: registered through a public form, stored as a camera (owner 'private', status 'pending')
-- plus the owner's contact and consent, which never leave the agency.
CREATE TABLE "community_camera" (
    "id" UUID NOT NULL,
    "camera_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "contact_name" TEXT NOT NULL,
    "contact_email" TEXT NOT NULL,
    "contact_phone" TEXT,
    "consent" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by" UUID,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "community_camera_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "community_camera_consent_check" CHECK ("consent" IN ('location_only', 'footage_on_request', 'live_on_alarm')),
    CONSTRAINT "community_camera_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected'))
);
CREATE UNIQUE INDEX "community_camera_camera_id_key" ON "community_camera"("camera_id");
CREATE INDEX "community_camera_agency_id_status_idx" ON "community_camera"("agency_id", "status");
ALTER TABLE "community_camera" ADD CONSTRAINT "community_camera_camera_id_fkey" FOREIGN KEY ("camera_id") REFERENCES "camera"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "community_camera" ADD CONSTRAINT "community_camera_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A detective asks an owner for a time range of footage; the owner answers through an emailed link (token hash
-- stored) and uploads; the file becomes an evidence item of the case.
CREATE TABLE "footage_request" (
    "id" UUID NOT NULL,
    "community_camera_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "requested_by" UUID NOT NULL,
    "from_at" TIMESTAMPTZ(3) NOT NULL,
    "to_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "item_id" UUID,

    CONSTRAINT "footage_request_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "footage_request_status_check" CHECK ("status" IN ('requested', 'approved', 'declined', 'uploaded'))
);
CREATE UNIQUE INDEX "footage_request_token_hash_key" ON "footage_request"("token_hash");
CREATE INDEX "footage_request_case_id_idx" ON "footage_request"("case_id");
ALTER TABLE "footage_request" ADD CONSTRAINT "footage_request_community_camera_id_fkey" FOREIGN KEY ("community_camera_id") REFERENCES "community_camera"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "footage_request" ADD CONSTRAINT "footage_request_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "evidence_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "footage_request" ADD CONSTRAINT "footage_request_requested_by_fkey" FOREIGN KEY ("requested_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "footage_request" ADD CONSTRAINT "footage_request_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "evidence_item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
