-- When a tracker last reported the unit's status (null: never; its fixes then say nothing about status, and the
-- CAD's unit records or an operator's assignment decide it).
ALTER TABLE "unit" ADD COLUMN "status_at" TIMESTAMPTZ(3);
