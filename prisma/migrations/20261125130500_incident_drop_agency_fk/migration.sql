-- The correlator inserts incidents on its hot path; the per-row check of this foreign key cost 26–35 % of the
-- writer's PostgreSQL CPU (measured on identical batches). The agency always exists (it is the source's agency, read
-- from the database in the same process) and agencies are never deleted, as for incident_event & co. (migration 03).
ALTER TABLE "incident" DROP CONSTRAINT IF EXISTS "incident_agency_id_fkey";
