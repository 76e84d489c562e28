-- An import job runs inside one server process: it says which (node) and shows it is alive (heartbeat_at, every few
-- seconds while it runs), so a job whose process stopped is marked interrupted instead of staying "running" for ever.
ALTER TABLE "import_job" ADD COLUMN "node" TEXT, ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3) DEFAULT now();
CREATE INDEX "import_job_running_idx" ON "import_job" ("heartbeat_at") WHERE "status" = 'running';
