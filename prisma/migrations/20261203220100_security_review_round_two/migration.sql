-- Share passcodes: one fixed 15-minute window of at most 10 tries per link, counted atomically before a try is
-- evaluated (parallel guesses cannot overshoot) and forgotten when the window ends.
ALTER TABLE "share_link" ADD COLUMN "passcode_attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "share_link" ADD COLUMN "passcode_window_start" TIMESTAMPTZ(3);

-- Temporary passwords (new users, admin resets) must be changed at first sign-in and expire unused.
ALTER TABLE "app_user" ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "app_user" ADD COLUMN "password_expires_at" TIMESTAMPTZ(3);

-- Signed ingest requests: each (source, nonce) is accepted once within the timestamp window.
CREATE TABLE "ingest_nonce" (
    "source_id" UUID NOT NULL,
    "nonce" TEXT NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ingest_nonce_pkey" PRIMARY KEY ("source_id", "nonce")
);
CREATE INDEX "ingest_nonce_seen_at_idx" ON "ingest_nonce"("seen_at");
ALTER TABLE "ingest_nonce" ADD CONSTRAINT "ingest_nonce_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
