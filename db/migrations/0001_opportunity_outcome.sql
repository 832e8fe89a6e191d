ALTER TABLE "opportunities" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "outcome_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "opportunities_lead_idx" ON "opportunities" USING btree ("lead_id");