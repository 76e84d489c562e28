-- Supervisors, teamwork and officers in the field: incident owners and notes (hand-offs), responder briefs
-- (capability links for a unit's phone), premise hazards, per-source ingest outcome counters (dashboard health),
-- and a forgiving timestamp reader for source payloads (dashboard response times).

-- Who owns ("monitors") an incident. One owner at a time; history is kept as notes of kind 'assignment'/'handoff'.
CREATE TABLE "incident_owner" (
    "incident_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "assigned_by" UUID,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_owner_pkey" PRIMARY KEY ("incident_id")
);
CREATE INDEX "incident_owner_agency_id_user_id_idx" ON "incident_owner"("agency_id", "user_id");
ALTER TABLE "incident_owner" ADD CONSTRAINT "incident_owner_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The incident's notes thread: operator notes, assignments and hand-offs (kind), with @mentions resolved at write time.
CREATE TABLE "incident_note" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "author_id" UUID,
    "author_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'note',
    "body" TEXT NOT NULL,
    "mentions" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_note_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "incident_note_incident_id_id_idx" ON "incident_note"("incident_id", "id");

-- A responder brief: a short-lived, revocable link for one unit's phone. Only the token's sha256 is stored.
CREATE TABLE "responder_brief" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "call_sign" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_opened_at" TIMESTAMPTZ(3),

    CONSTRAINT "responder_brief_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "responder_brief_token_hash_key" ON "responder_brief"("token_hash");
CREATE INDEX "responder_brief_incident_id_idx" ON "responder_brief"("incident_id");

-- A hazard flagged at a premise (dog, weapons on file, oxygen in use…): shown to responders near that place.
CREATE TABLE "premise_hazard" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "address" TEXT,
    "address_key" TEXT,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "hazard" TEXT NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "premise_hazard_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "premise_hazard_agency_id_address_key_idx" ON "premise_hazard"("agency_id", "address_key");

-- Ingest requests per source and hour that were stored or refused (the dashboard's source error rate).
CREATE TABLE "source_ingest_stat" (
    "source_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "source_ingest_stat_pkey" PRIMARY KEY ("source_id", "hour")
);

-- Source payloads are free-form JSON: a timestamp field that does not parse must read as unknown, not fail the query.
-- The checked reader catches the cast's error (a subtransaction per call, ~16 µs); the reader the queries use is an
-- inlinable SQL CASE that casts what a strict pattern proves valid (every day that exists in every year) and sends
-- only 29 February to the checked one (~2 µs a call: the dashboard reads tens of thousands per load).
CREATE OR REPLACE FUNCTION rtcc_try_timestamptz_checked(t TEXT) RETURNS TIMESTAMPTZ
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  IF t IS NULL OR t !~ '^\d{4}-\d\d-\d\d[T ]\d\d:\d\d' THEN
    RETURN NULL;
  END IF;
  RETURN t::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION rtcc_try_timestamptz(t TEXT) RETURNS TIMESTAMPTZ
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN t ~ '^[1-9]\d{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?(?:Z|[+-](?:0\d|1[0-4])(?::?[0-5]\d)?)?$'
      THEN t::timestamptz
    WHEN t LIKE '____-02-29%' THEN rtcc_try_timestamptz_checked(t)
  END
$$;
