CREATE TABLE "lead_facts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"kind" text NOT NULL,
	"value" jsonb NOT NULL,
	"source" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lead_facts" ADD CONSTRAINT "lead_facts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_facts" ADD CONSTRAINT "lead_facts_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lead_facts_source_uq" ON "lead_facts" USING btree ("tenant_id","lead_id","kind","source");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_facts_current_uq" ON "lead_facts" USING btree ("tenant_id","lead_id","kind") WHERE superseded_at is null;--> statement-breakpoint
CREATE INDEX "lead_facts_lead_idx" ON "lead_facts" USING btree ("lead_id","at");