CREATE TABLE "legal_calendar_day" (
	"day" date PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text
);
--> statement-breakpoint
CREATE TABLE "legal_calendar_year" (
	"year" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"issued_on" date NOT NULL,
	"source" text NOT NULL,
	"origin" text NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_rule" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"kind" text NOT NULL,
	"origin" text NOT NULL,
	"law_name" text NOT NULL,
	"law_version_date" date NOT NULL,
	"article" text NOT NULL,
	"paragraph" text,
	"quote" text NOT NULL,
	"verified" boolean NOT NULL,
	"note" text,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"params" jsonb NOT NULL,
	"ordinal" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_rule_set_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"base_version_id" uuid,
	"note" text,
	"org_unit_id" uuid NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "legal_calendar_day" ADD CONSTRAINT "legal_calendar_day_year_legal_calendar_year_year_fk" FOREIGN KEY ("year") REFERENCES "public"."legal_calendar_year"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_calendar_year" ADD CONSTRAINT "legal_calendar_year_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_rule" ADD CONSTRAINT "legal_rule_version_id_legal_rule_set_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."legal_rule_set_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_rule_set_version" ADD CONSTRAINT "legal_rule_set_version_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "legal_calendar_day_year_idx" ON "legal_calendar_day" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_rule_version_rule_uq" ON "legal_rule" USING btree ("version_id","rule_id");--> statement-breakpoint
CREATE INDEX "legal_rule_version_idx" ON "legal_rule" USING btree ("version_id","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_rule_set_version_label_uq" ON "legal_rule_set_version" USING btree ("label");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_rule_set_version_one_published_uq" ON "legal_rule_set_version" USING btree ("status") WHERE status = 'published';--> statement-breakpoint
-- A published rule-set version is immutable: its rules cannot be inserted, changed or deleted, and the version
-- itself can only move on to superseded. The service checks this first; the triggers make it hold for every
-- writer except a backup restore (which sets guifan.restoring = 'on' for its own transaction: SET LOCAL).
CREATE FUNCTION legal_rule_draft_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_status text;
BEGIN
  IF current_setting('guifan.restoring', true) = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  SELECT status INTO v_status FROM legal_rule_set_version
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
  IF v_status IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'legal rule set version is % and cannot be changed', v_status USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.version_id <> NEW.version_id THEN
    RAISE EXCEPTION 'a rule cannot move to another version' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER legal_rule_draft_only BEFORE INSERT OR UPDATE OR DELETE ON legal_rule
  FOR EACH ROW EXECUTE FUNCTION legal_rule_draft_only();
--> statement-breakpoint
CREATE FUNCTION legal_rule_set_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guifan.restoring', true) = 'on' OR OLD.status = 'draft' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'legal rule set version is % and cannot be deleted', OLD.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- Published → superseded is the one change left to a published version; a superseded one stays as it is.
  IF OLD.status = 'published' AND NEW.status = 'superseded' AND NEW.label = OLD.label AND NEW.note IS NOT DISTINCT FROM OLD.note
     AND NEW.base_version_id IS NOT DISTINCT FROM OLD.base_version_id AND NEW.published_at IS NOT DISTINCT FROM OLD.published_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'legal rule set version is % and cannot be changed', OLD.status USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER legal_rule_set_version_frozen BEFORE UPDATE OR DELETE ON legal_rule_set_version
  FOR EACH ROW EXECUTE FUNCTION legal_rule_set_version_frozen();
