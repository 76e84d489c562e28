-- Messages that could not become events (MQTT): kept with their reason, never silently dropped.
CREATE TABLE "dead_letter" (
    "id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "dead_letter_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "dead_letter_received_at_idx" ON "dead_letter"("received_at");
