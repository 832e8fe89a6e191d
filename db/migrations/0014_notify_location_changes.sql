-- Every write to tenant_locations (install, uninstall, a tenant moved or deleted, a hand edit) tells every
-- process's location cache to forget that location; see db/use-cases/inbound/location-directory.ts.
CREATE OR REPLACE FUNCTION porchlight_notify_location_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('porchlight_locations', OLD.location_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('porchlight_locations', NEW.location_id); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tenant_locations_notify AFTER INSERT OR UPDATE OR DELETE ON tenant_locations
  FOR EACH ROW EXECUTE FUNCTION porchlight_notify_location_change();
