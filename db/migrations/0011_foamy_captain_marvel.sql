ALTER TABLE "agents" ADD COLUMN "api_key_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "agents_api_key_hash_uq" ON "agents" USING btree ("api_key_hash");