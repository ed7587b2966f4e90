-- A published standard version is immutable: its nodes cannot be inserted, changed or deleted.
-- The service checks this first; the trigger makes it hold for every writer except a backup restore
-- (which sets guifan.restoring = 'on' for its own transaction: SET LOCAL).
CREATE FUNCTION catalog_node_draft_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_status text;
BEGIN
  -- Restoring a backup re-inserts published versions' nodes; the restore transaction says so.
  IF current_setting('guifan.restoring', true) = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  SELECT status INTO v_status FROM standard_version
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
  IF v_status IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'catalog version is % and cannot be changed', v_status USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.version_id <> NEW.version_id THEN
    RAISE EXCEPTION 'a node cannot move to another version' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER catalog_node_draft_only BEFORE INSERT OR UPDATE OR DELETE ON catalog_node
  FOR EACH ROW EXECUTE FUNCTION catalog_node_draft_only();
