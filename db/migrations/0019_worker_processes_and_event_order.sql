CREATE TABLE "worker_processes" (
	"id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"concurrency" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "order_key" text;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
CREATE INDEX "inbound_events_waiting_order_idx" ON "inbound_events" USING btree ("order_key","seq") WHERE "inbound_events"."status" in ('accepted', 'failed') and "inbound_events"."order_key" is not null;