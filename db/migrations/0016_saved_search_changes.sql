-- Every write to saved_searches, whichever door made it (API, chat, SMS, CRM fields, forget-lead, the email
-- frequency step-down, a cascade, a hand edit), bumps the tenant's saved-search version and NOTIFYs the new
-- version with the ids it touched, in the writing transaction: delivered on commit, never for a rollback. The
-- version row is locked until commit, so a tenant's versions commit (and arrive) in order, one apart: a process
-- that sees a gap knows it missed something and reloads. See jobs/shared/saved-search-index.ts.
CREATE TABLE IF NOT EXISTS "saved_search_versions" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION porchlight_note_saved_search_changes() RETURNS trigger AS $$
DECLARE
  tenant_ids text[];
  search_ids text[];
  changed record;
  next_version bigint;
BEGIN
  -- Transition tables exist only for the events that have them, so each branch reads its own.
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(tenant_id), array_agg(id) INTO tenant_ids, search_ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(tenant_id), array_agg(id) INTO tenant_ids, search_ids FROM old_rows;
  ELSE
    SELECT array_agg(tenant_id), array_agg(id) INTO tenant_ids, search_ids
      FROM (SELECT tenant_id, id FROM new_rows UNION SELECT tenant_id, id FROM old_rows) AS both_sides;
  END IF;
  -- Tenants in a fixed order, so two multi-tenant statements lock version rows in the same order.
  FOR changed IN
    SELECT c.tenant_id, array_agg(DISTINCT c.id) AS ids
      FROM unnest(tenant_ids, search_ids) AS c(tenant_id, id)
      GROUP BY c.tenant_id ORDER BY c.tenant_id
  LOOP
    INSERT INTO saved_search_versions AS v (tenant_id, version) VALUES (changed.tenant_id, 1)
      ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1
      RETURNING v.version INTO next_version;
    -- NOTIFY payloads stop at 8000 bytes: a bulk write sends no ids, and listeners reload the tenant.
    PERFORM pg_notify('porchlight_saved_search', json_build_object(
      'tenantId', changed.tenant_id,
      'version', next_version,
      'ids', CASE WHEN cardinality(changed.ids) <= 100 THEN changed.ids END)::text);
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER saved_searches_note_insert AFTER INSERT ON saved_searches
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION porchlight_note_saved_search_changes();
--> statement-breakpoint
CREATE TRIGGER saved_searches_note_update AFTER UPDATE ON saved_searches
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION porchlight_note_saved_search_changes();
--> statement-breakpoint
CREATE TRIGGER saved_searches_note_delete AFTER DELETE ON saved_searches
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION porchlight_note_saved_search_changes();
