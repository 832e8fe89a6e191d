DROP INDEX "automation_steps_run_position_uq";--> statement-breakpoint
ALTER TABLE "automation_runs" ADD COLUMN "opted_out_at_start" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "automation_steps_run_position_action_uq" ON "automation_steps" USING btree ("run_id","position","action");