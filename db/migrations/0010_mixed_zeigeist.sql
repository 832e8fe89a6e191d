CREATE TABLE "slack_installations" (
	"team_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"team_name" text,
	"enterprise_id" text,
	"app_id" text,
	"bot_id" text,
	"bot_user_id" text,
	"bot_token_sealed" text NOT NULL,
	"bot_scopes" text[] DEFAULT '{}' NOT NULL,
	"installer_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "slack_installations" ADD CONSTRAINT "slack_installations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "slack_installations_tenant_idx" ON "slack_installations" USING btree ("tenant_id");