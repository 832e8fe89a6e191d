CREATE TABLE "oauth_token_state" (
	"location_id" text PRIMARY KEY NOT NULL,
	"user_type" text DEFAULT 'Location' NOT NULL,
	"scope" text,
	"refresh_lease_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oauth_token_state" ADD CONSTRAINT "oauth_token_state_location_id_oauth_tokens_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."oauth_tokens"("location_id") ON DELETE cascade ON UPDATE no action;