CREATE TABLE "document_template_set" (
	"id" uuid PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"base_version_id" uuid,
	"note" text,
	"content" jsonb NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_template_set" ADD CONSTRAINT "document_template_set_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_template_set_label_uq" ON "document_template_set" USING btree ("label");--> statement-breakpoint
CREATE UNIQUE INDEX "document_template_set_one_published_uq" ON "document_template_set" USING btree ("status") WHERE status = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "document_template_set_one_draft_uq" ON "document_template_set" USING btree ("status") WHERE status = 'draft';--> statement-breakpoint
-- A published template set is frozen: its content, label and dates cannot change and it cannot be deleted; it only
-- moves on from published to superseded. Documents printed and numbers issued under it must stay explainable by the
-- version that was in force. The service checks first; the trigger makes it hold for every writer except a backup
-- restore (which sets guifan.restoring = 'on' for its own transaction).
CREATE FUNCTION document_template_set_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('guifan.restoring', true) = 'on' OR OLD.status = 'draft' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'document template set version is % and cannot be deleted', OLD.status USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'published' AND NEW.status = 'superseded' AND NEW.label = OLD.label AND NEW.note IS NOT DISTINCT FROM OLD.note
     AND NEW.content = OLD.content AND NEW.base_version_id IS NOT DISTINCT FROM OLD.base_version_id
     AND NEW.published_at IS NOT DISTINCT FROM OLD.published_at AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'document template set version is % and cannot be changed', OLD.status USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER document_template_set_frozen BEFORE UPDATE OR DELETE ON document_template_set
  FOR EACH ROW EXECUTE FUNCTION document_template_set_frozen();
