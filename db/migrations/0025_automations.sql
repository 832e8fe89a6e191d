CREATE TABLE "automation_rule_versions" (
	"tenant_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"version" integer NOT NULL,
	"enabled" boolean NOT NULL,
	"definition" jsonb NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automation_rule_versions_tenant_id_rule_id_version_pk" PRIMARY KEY("tenant_id","rule_id","version")
);
--> statement-breakpoint
CREATE TABLE "automation_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"version" integer NOT NULL,
	"enabled" boolean NOT NULL,
	"trigger_event" text NOT NULL,
	"definition" jsonb NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"rule_version" integer NOT NULL,
	"lead_id" text NOT NULL,
	"occurrence" text NOT NULL,
	"trigger" jsonb NOT NULL,
	"status" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"steps" integer NOT NULL,
	"next_at" timestamp with time zone,
	"reason" text,
	"caused_by" text[] DEFAULT '{}' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_schedule_passes" (
	"tenant_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"occurrence" text NOT NULL,
	"cursor" text,
	"started_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "automation_schedule_passes_tenant_id_rule_id_occurrence_pk" PRIMARY KEY("tenant_id","rule_id","occurrence")
);
--> statement-breakpoint
CREATE TABLE "automation_steps" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"run_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"position" integer NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"detail" text,
	"message" boolean DEFAULT false NOT NULL,
	"delivery_id" text,
	"effect" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "automation_rule_versions" ADD CONSTRAINT "automation_rule_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_schedule_passes" ADD CONSTRAINT "automation_schedule_passes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_steps" ADD CONSTRAINT "automation_steps_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_steps" ADD CONSTRAINT "automation_steps_run_id_automation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."automation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_steps" ADD CONSTRAINT "automation_steps_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_steps" ADD CONSTRAINT "automation_steps_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "automation_rules_tenant_rule_uq" ON "automation_rules" USING btree ("tenant_id","rule_id");--> statement-breakpoint
CREATE INDEX "automation_rules_tenant_event_idx" ON "automation_rules" USING btree ("tenant_id","trigger_event") WHERE enabled and deleted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "automation_runs_occurrence_uq" ON "automation_runs" USING btree ("tenant_id","rule_id","rule_version","lead_id","occurrence");--> statement-breakpoint
CREATE INDEX "automation_runs_lead_idx" ON "automation_runs" USING btree ("tenant_id","lead_id","status");--> statement-breakpoint
CREATE INDEX "automation_runs_rule_idx" ON "automation_runs" USING btree ("tenant_id","rule_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "automation_steps_run_position_uq" ON "automation_steps" USING btree ("run_id","position");--> statement-breakpoint
CREATE INDEX "automation_steps_lead_message_idx" ON "automation_steps" USING btree ("tenant_id","lead_id","at") WHERE message;