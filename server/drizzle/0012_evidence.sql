CREATE TABLE "case_evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"step_event_id" bigint,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"taken_at" timestamp with time zone,
	"taken_at_text" text,
	"lat" double precision,
	"lon" double precision,
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"superseded_by" uuid,
	"superseded_reason" text,
	"superseded_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_evidence_custody" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"evidence_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"detail" jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence_custody" ADD CONSTRAINT "case_evidence_custody_evidence_id_case_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."case_evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence_custody" ADD CONSTRAINT "case_evidence_custody_case_id_enforcement_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."enforcement_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_evidence_case_idx" ON "case_evidence" USING btree ("case_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "case_evidence_custody_evidence_idx" ON "case_evidence_custody" USING btree ("evidence_id","id");--> statement-breakpoint
-- Chain of custody: the custody log is append-only and evidence rows are never deleted; of an evidence row only
-- the marks "superseded" and "withdrawn" may be set, once. The service checks first; the triggers make it hold for
-- every writer (a backup restore empties tables with TRUNCATE, which row triggers do not see).
CREATE FUNCTION case_evidence_custody_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the evidence custody log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_evidence_custody_append_only BEFORE UPDATE OR DELETE ON case_evidence_custody
  FOR EACH ROW EXECUTE FUNCTION case_evidence_custody_append_only();
--> statement-breakpoint
CREATE FUNCTION case_evidence_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'evidence is never deleted, only withdrawn or superseded' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (OLD.id, OLD.case_id, OLD.org_unit_id, OLD.step_event_id, OLD.kind, OLD.title, OLD.sha256, OLD.file_name, OLD.mime_type, OLD.size_bytes, OLD.taken_at, OLD.taken_at_text, OLD.lat, OLD.lon, OLD.uploaded_by, OLD.uploaded_by_name, OLD.uploaded_at)
     IS DISTINCT FROM (NEW.id, NEW.case_id, NEW.org_unit_id, NEW.step_event_id, NEW.kind, NEW.title, NEW.sha256, NEW.file_name, NEW.mime_type, NEW.size_bytes, NEW.taken_at, NEW.taken_at_text, NEW.lat, NEW.lon, NEW.uploaded_by, NEW.uploaded_by_name, NEW.uploaded_at)
     OR (OLD.superseded_at IS NOT NULL AND (OLD.superseded_by, OLD.superseded_reason, OLD.superseded_at) IS DISTINCT FROM (NEW.superseded_by, NEW.superseded_reason, NEW.superseded_at))
     OR (OLD.deleted_at IS NOT NULL AND (OLD.deleted_at, OLD.deleted_by) IS DISTINCT FROM (NEW.deleted_at, NEW.deleted_by)) THEN
    RAISE EXCEPTION 'recorded evidence cannot be changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_evidence_kept BEFORE UPDATE OR DELETE ON case_evidence
  FOR EACH ROW EXECUTE FUNCTION case_evidence_kept();
