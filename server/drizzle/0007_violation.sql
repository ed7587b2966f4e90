CREATE TABLE "violation_item" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"code" text NOT NULL,
	"ordinal" integer NOT NULL,
	"name" text NOT NULL,
	"party_types" jsonb NOT NULL,
	"violated" jsonb NOT NULL,
	"penalty_basis" jsonb NOT NULL,
	"statutory" jsonb NOT NULL,
	"bands" jsonb NOT NULL,
	"first_offence_exemption" text,
	"search_text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "violation_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"effective_from" date NOT NULL,
	"base_version_id" uuid,
	"note" text,
	"org_unit_id" uuid NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "violation_item" ADD CONSTRAINT "violation_item_version_id_violation_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."violation_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violation_version" ADD CONSTRAINT "violation_version_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "violation_item_version_code_uq" ON "violation_item" USING btree ("version_id","code");--> statement-breakpoint
CREATE INDEX "violation_item_version_idx" ON "violation_item" USING btree ("version_id","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "violation_version_label_uq" ON "violation_version" USING btree ("label");--> statement-breakpoint
CREATE INDEX "violation_version_status_idx" ON "violation_version" USING btree ("status","effective_from");--> statement-breakpoint
-- A published violation catalogue version is immutable: its items cannot be inserted, changed or deleted, and the
-- version row itself only moves on from published to superseded. The service checks this first; the triggers make
-- it hold for every writer except a backup restore (which sets guifan.restoring = 'on' for its transaction).
CREATE FUNCTION violation_item_draft_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_status text;
BEGIN
  IF current_setting('guifan.restoring', true) = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  SELECT status INTO v_status FROM violation_version
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
  IF v_status IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'violation catalogue version is % and cannot be changed', v_status USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.version_id <> NEW.version_id THEN
    RAISE EXCEPTION 'an item cannot move to another version' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER violation_item_draft_only BEFORE INSERT OR UPDATE OR DELETE ON violation_item
  FOR EACH ROW EXECUTE FUNCTION violation_item_draft_only();
--> statement-breakpoint
CREATE FUNCTION violation_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guifan.restoring', true) = 'on' OR OLD.status = 'draft' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = 'published' AND NEW.status = 'superseded'
     AND NEW.label = OLD.label AND NEW.effective_from = OLD.effective_from AND NEW.note IS NOT DISTINCT FROM OLD.note
     AND NEW.base_version_id IS NOT DISTINCT FROM OLD.base_version_id AND NEW.published_at IS NOT DISTINCT FROM OLD.published_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'violation catalogue version is % and cannot be changed', OLD.status USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER violation_version_frozen BEFORE UPDATE OR DELETE ON violation_version
  FOR EACH ROW EXECUTE FUNCTION violation_version_frozen();
