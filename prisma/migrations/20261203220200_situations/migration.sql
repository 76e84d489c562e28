-- Situations: CAD status kept on the incident, who closed it (a stale situation may reopen, an operator's close never),
-- which incident a merged one went into, when the last event joined it, and the operator's splits (never re-merged).
ALTER TABLE "incident" ADD COLUMN "cad_status" TEXT;
ALTER TABLE "incident" ADD COLUMN "closed_by" TEXT;
ALTER TABLE "incident" ADD COLUMN "merged_into" UUID;
ALTER TABLE "incident" ADD COLUMN "last_event_at" TIMESTAMPTZ(3);

-- When the change happened in the field (event time); `at` stays when it was recorded.
ALTER TABLE "incident_history" ADD COLUMN "occurred_at" TIMESTAMPTZ(3);

CREATE TABLE "incident_separation" (
    "a" UUID NOT NULL,
    "b" UUID NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_separation_pkey" PRIMARY KEY ("a", "b")
);
CREATE INDEX "incident_separation_b_idx" ON "incident_separation"("b");
