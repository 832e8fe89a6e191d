CREATE TABLE "lead_listing_sends" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"change_id" text NOT NULL,
	"listing_key" text NOT NULL,
	"match_id" text,
	"alert_id" text,
	"outcome" text NOT NULL,
	"channel" text,
	"delivery_id" text,
	"day" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lead_listing_sends" ADD CONSTRAINT "lead_listing_sends_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_listing_sends" ADD CONSTRAINT "lead_listing_sends_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_listing_sends" ADD CONSTRAINT "lead_listing_sends_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_listing_sends" ADD CONSTRAINT "lead_listing_sends_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_listing_sends" ADD CONSTRAINT "lead_listing_sends_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lead_listing_sends_change_uq" ON "lead_listing_sends" USING btree ("lead_id","change_id");--> statement-breakpoint
CREATE INDEX "lead_listing_sends_day_idx" ON "lead_listing_sends" USING btree ("tenant_id","lead_id","day");