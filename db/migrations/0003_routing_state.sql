CREATE TABLE "routing_state" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"round_robin" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "last_escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "routing_state" ADD CONSTRAINT "routing_state_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;