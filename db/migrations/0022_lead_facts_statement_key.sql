DROP INDEX "lead_facts_source_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "lead_facts_statement_uq" ON "lead_facts" USING btree ("tenant_id","lead_id","kind","source","at");