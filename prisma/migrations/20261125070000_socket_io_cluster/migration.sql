-- Socket.IO cluster adapter on PostgreSQL: large broadcast payloads are passed through this table
-- (small ones go through NOTIFY). Rows are short-lived; the adapter deletes old ones itself.
CREATE TABLE "socket_io_attachments" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMPTZ DEFAULT now(),
    "payload" BYTEA,

    CONSTRAINT "socket_io_attachments_pkey" PRIMARY KEY ("id")
);
