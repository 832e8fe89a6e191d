ALTER TABLE "scoring_models" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "scoring_models" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "scoring_models_one_active_uq" ON "scoring_models" USING btree ("tenant_id") WHERE active;